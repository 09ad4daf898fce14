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

// Tables whose status cells use a mark whose two spellings differ in one byte, in every form.
const ONE_BYTE_MARKS = [
  "☐",
  "☑",
  "☒",
  "&#9744;",
  "&#9745;",
  "&#9746;",
  "&#x2610;",
  "&#x2611;",
  "[ ]",
  "[x]",
  "[X]",
];
const cellText = fc
  .array(fc.constantFrom("deploy", "p95 <300ms", "`code`", "café ≥ 90%", "[link](x)", "✅ done"), {
    minLength: 1,
    maxLength: 3,
  })
  .map((w) => w.join(" "));
const tableRow = fc
  .tuple(fc.constantFrom(...ONE_BYTE_MARKS), cellText, fc.boolean(), fc.constantFrom("|", ""))
  .map(([mark, body, details, edge]) => {
    const name = details ? `<details><summary>${body}</summary>more</details>` : body;
    return `${edge} ${mark} | ${name} ${edge}`;
  });
const tableBlock = fc
  .tuple(fc.constantFrom("| | Item |", "| Done | Item |"), fc.array(tableRow, { minLength: 1, maxLength: 6 }))
  .map(([header, rows]) => ["## Table", header, "|---|---|", ...rows].join("\n"));
const tableDocument = fc
  .tuple(
    fc.array(fc.oneof(tableBlock, markdownDocument), { minLength: 1, maxLength: 4 }),
    fc.constantFrom("\n", "\r\n"),
  )
  .map(([blocks, eol]) => blocks.join("\n\n").replace(/\r?\n/g, eol));

describe("writeTicks on table items", () => {
  it("toggling k table and task ticks changes exactly k bytes, keeping each mark's form", () => {
    fc.assert(
      fc.property(tableDocument, fc.infiniteStream(fc.boolean()), (doc, choices) => {
        const bytes = encode(doc);
        const { items } = parseBytes(bytes);
        expect(
          writeTicks(
            bytes,
            items.map((item) => ({ item, checked: item.checked })),
          ),
        ).toEqual(bytes);
        const toggled = items.filter(() => choices.next().value);
        const out = writeTicks(
          bytes,
          toggled.map((item) => ({ item, checked: !item.checked })),
        );
        expect(out.length).toBe(bytes.length);
        expect(differingBytes(bytes, out)).toBe(toggled.length);
        const reread = parseBytes(out).items;
        const flipped = new Set(toggled.map((i) => i.id));
        expect(reread.map((i) => [i.id, i.form, i.checked])).toEqual(
          items.map((i) => [i.id, i.form, flipped.has(i.id) ? !i.checked : i.checked]),
        );
        for (const [k, item] of reread.entries()) {
          const before = items[k]?.tick?.char ?? "";
          const isEntity = (s: string) => s.startsWith("&#");
          expect(isEntity(item.tick?.char ?? ""), item.text).toBe(isEntity(before));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("writes ✅/❌, Yes/No and an empty status cell as the document spells them, changing only the mark", () => {
    const doc = [
      "# T",
      "| Item | Status |",
      "|---|---|",
      "| a | ✅ |",
      "| b | ❌ |",
      "| c | Yes |",
      "| d | :white_check_mark: |",
      "| e |  |",
      "| f | &#9745; |",
      "",
    ].join("\n");
    const bytes = encode(doc);
    const { items } = parseBytes(bytes);
    expect(items.map((i) => i.checked)).toEqual([true, false, true, true, false, true]);
    const out = writeTicks(
      bytes,
      items.map((item) => ({ item, checked: !item.checked })),
    );
    expect(new TextDecoder().decode(out)).toBe(
      doc
        .replace("| a | ✅ |", "| a | ❌ |")
        .replace("| b | ❌ |", "| b | ✅ |")
        .replace("| c | Yes |", "| c | No |")
        .replace(":white_check_mark:", ":x:")
        .replace("| e |  |", "| e | ✅ |")
        .replace("&#9745;", "&#9744;"),
    );
  });

  it("refuses a table item without a status cell, and a mark that moved", () => {
    const { items } = parseBytes(encode("# T\n| Name | Priority |\n|---|---|\n| a | P0 |\n"));
    expect(() => writeTicks(encode("x"), [{ item: items[0] as (typeof items)[0], checked: true }])).toThrow(
      /no status cell/,
    );
    const table = parseBytes(encode("| | Item |\n|---|---|\n| ☐ | a |\n")).items;
    expect(() =>
      writeTicks(encode("| | Item |\n|---|---|\n| ☑ | a |\n"), [
        { item: table[0] as (typeof table)[0], checked: true },
      ]),
    ).toThrow(/file changed since it was read/);
  });
});
