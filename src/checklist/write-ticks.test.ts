import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBytes } from "../../test/support/checklist-bytes.js";
import { markdownDocument } from "../../test/support/markdown-gen.js";
import { writeTicks } from "./write-ticks.js";

const encode = (s: string) => new TextEncoder().encode(s);

function differingBytes(a: Uint8Array, b: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count += 1;
  return count;
}

describe("writeTicks", () => {
  it("rewriting no tick (or every tick to its own state) gives back identical bytes", () => {
    fc.assert(
      fc.property(markdownDocument, (doc) => {
        const bytes = encode(doc);
        const { items } = parseBytes(bytes);
        expect(writeTicks(bytes, [])).toEqual(bytes);
        expect(
          writeTicks(
            bytes,
            items.map((item) => ({ item, checked: item.checked })),
          ),
        ).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it("toggling k ticks changes exactly k bytes, and the re-read document shows the toggles", () => {
    fc.assert(
      fc.property(markdownDocument, fc.infiniteStream(fc.boolean()), (doc, choices) => {
        const bytes = encode(doc);
        const { items } = parseBytes(bytes);
        const toggled = items.filter(() => choices.next().value);
        const out = writeTicks(
          bytes,
          toggled.map((item) => ({ item, checked: !item.checked })),
        );
        expect(out.length).toBe(bytes.length);
        expect(differingBytes(bytes, out)).toBe(toggled.length);
        const reread = parseBytes(out).items;
        const flipped = new Set(toggled.map((i) => i.id));
        expect(reread.map((i) => i.checked)).toEqual(
          items.map((i) => (flipped.has(i.id) ? !i.checked : i.checked)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("touches only the tick byte in CRLF files with a BOM and multi-byte text before the tick", () => {
    const bytes = encode("\uFEFF# Título ✅\r\n\r\n> - [ ] café ≥ 90%\r\n  1. [X] ünïcode\r\n");
    const { items } = parseBytes(bytes);
    const out = writeTicks(bytes, [
      { item: items[0] as (typeof items)[0], checked: true },
      { item: items[1] as (typeof items)[0], checked: false },
    ]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(out)).toBe(
      "\uFEFF# Título ✅\r\n\r\n> - [x] café ≥ 90%\r\n  1. [ ] ünïcode\r\n",
    );
  });

  it("refuses to write when the bytes no longer hold a tick at the recorded offset", () => {
    const { items } = parseBytes(encode("- [ ] a\n"));
    const item = items[0] as (typeof items)[0];
    expect(() => writeTicks(encode("changed!\n"), [{ item, checked: true }])).toThrow(
      /file changed since it was read/,
    );
  });
});
