import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeJsonBytes } from "./json-bytes.js";

/** What `writeJsonBytes` hands out, copied (its buffer is reused) and decoded. */
function written(value: unknown, bufferBytes?: number): { text: string; sizes: number[] } {
  const chunks: Buffer[] = [];
  writeJsonBytes(value, (bytes) => chunks.push(Buffer.from(bytes)), bufferBytes);
  return { text: Buffer.concat(chunks).toString("utf8"), sizes: chunks.map((c) => c.length) };
}

// Text with characters of one, two, three and four UTF-8 bytes (a surrogate pair), so a character
// may fall across the end of the buffer.
const wideText = fc.string({ unit: fc.constantFrom("a", "é", "≥", "€", "😀", "\n", '"') });

describe("writeJsonBytes", () => {
  it("writes the UTF-8 of JSON.stringify(value, null, 2) and a newline, whatever the buffer size", () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(wideText, fc.array(fc.record({ id: wideText, n: fc.integer() }), { maxLength: 50 })),
    );
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 300 }), (v, bufferBytes) => {
        const { text, sizes } = written(v, bufferBytes);
        expect(text).toBe(`${JSON.stringify(v, null, 2)}\n`);
        for (const size of sizes) expect(size).toBeLessThanOrEqual(Math.max(6, bufferBytes));
      }),
      { numRuns: 1500 },
    );
  });

  it("never cuts a character in two: every chunk is whole UTF-8 on its own", () => {
    const report = {
      items: Array.from({ length: 400 }, (_, n) => ({ id: `😀≥é-${n}`, text: "€".repeat(n % 37) })),
    };
    const chunks: string[] = [];
    writeJsonBytes(
      report,
      (bytes) => chunks.push(new TextDecoder("utf-8", { fatal: true }).decode(bytes)),
      1000,
    );
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join("")).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});
