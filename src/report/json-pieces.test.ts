import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonPieces } from "./json-pieces.js";

const printed = (value: unknown, pieceChars?: number) => [...jsonPieces(value, pieceChars)].join("");

describe("jsonPieces", () => {
  it("prints what JSON.stringify(value, null, 2) prints, with a newline, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 200 }), (value, pieceChars) => {
        expect(printed(value, pieceChars)).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
      { numRuns: 2000 },
    );
  });

  it("prints the report's arrays the same, however they fall into batches", () => {
    const element = fc.oneof(
      fc.jsonValue(),
      fc.constant(undefined),
      fc.constant(() => 1),
      fc.date(),
    );
    const report = fc.dictionary(
      fc.string(),
      fc.oneof(fc.array(element, { maxLength: 300 }), fc.jsonValue()),
    );
    fc.assert(
      fc.property(report, fc.integer({ min: 1, max: 1 << 16 }), (value, pieceChars) => {
        expect(printed(value, pieceChars)).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
      { numRuns: 500 },
    );
  });

  it("leaves out what JSON leaves out, and writes null where JSON does", () => {
    const value = {
      kept: 1,
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, Number.NaN, -0, new Date(0), { deep: [{ x: undefined }] }],
      empty: { a: undefined },
      when: new Date(0),
    };
    expect(printed(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it("hands a large report out in pieces of about the size asked", () => {
    const report = { items: Array.from({ length: 5000 }, (_, n) => ({ id: `item-${n}`, tags: [] })) };
    const pieces = [...jsonPieces(report, 4096)];
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(4096 * 1.5);
    expect(pieces.join("")).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});
