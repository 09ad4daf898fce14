import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prettyJsonChunks } from "./pretty-json.js";

const written = (value: unknown) => prettyJsonChunks(value).join("");

describe("prettyJsonChunks", () => {
  it("writes what JSON.stringify(value, null, 2) writes, for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(written(value)).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it("leaves out what JSON.stringify leaves out, and spells what it spells", () => {
    const value = {
      kept: 1,
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, Number.NaN, -0, Infinity, '≥ ✅ \u2028 \ud800 "q"'],
      when: new Date(Date.UTC(2026, 11, 1)),
      boxed: [new String("s"), new Number(2), new Boolean(false)],
      map: new Map([["a", 1]]),
      custom: { toJSON: (key: string) => `key ${key}` },
      nested: { empty: {}, none: [], onlyGone: { x: undefined } },
      instance: new (class Point {
        x = 1;
        y = { z: [2] };
      })(),
      [Symbol("s")]: 1,
    };
    expect(written(value)).toBe(JSON.stringify(value, null, 2));
    expect(written([1, [2, [3, {}]]])).toBe(JSON.stringify([1, [2, [3, {}]]], null, 2));
  });

  it("splits a large value into chunks, with non-ASCII text only where it is", () => {
    const items = Array.from({ length: 5000 }, (_, n) => ({
      id: `item-${n}`,
      text: n === 10 ? "≥ 90%" : "plain",
    }));
    const chunks = prettyJsonChunks({ items });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join("")).toBe(JSON.stringify({ items }, null, 2));
    expect(chunks.filter((c) => /[^\x20-\x7e\n]/.test(c))).toHaveLength(1);
  });

  it("throws on a bigint, as JSON.stringify does", () => {
    expect(() => prettyJsonChunks({ n: 1n })).toThrow(TypeError);
  });
});
