import { describe, expect, it } from "vitest";
import { formatJsonPath, jsonToObserved, lookupJsonPath } from "./json-path.js";

const document = { data: [{ id: 7, tags: ["a"] }], meta: { total: 1, next: null }, "0": "zero" };

describe("lookupJsonPath", () => {
  it.each([
    [["data", 0, "id"], 7],
    [["data", "0", "tags", 0], "a"],
    [["meta", "next"], null],
    [[0], "zero"],
    [[], document],
  ] as const)("finds %j", (path, value) => {
    expect(lookupJsonPath(document, path)).toEqual({ found: true, value });
  });

  it.each([
    [["nope"], 'json has no field "nope"'],
    [["data", 1], "json.data has 1 element(s), no index 1"],
    [["data", "id"], "json.data is an array, not an object"],
    [["data", 0, "id", "x"], "json.data[0].id is number, not an object"],
    [["meta", "next", "page"], "json.meta.next is null, not an object"],
  ] as const)("says why %j is missing", (path, reason) => {
    expect(lookupJsonPath(document, path)).toEqual({ found: false, reason });
  });

  it("only walks own properties, never the prototype", () => {
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(lookupJsonPath({ a: 1 }, [key]).found).toBe(false);
    }
    expect(lookupJsonPath(JSON.parse('{"__proto__": 5}'), ["__proto__"])).toEqual({ found: true, value: 5 });
  });
});

describe("jsonToObserved", () => {
  it("keeps scalars, lists arrays and writes objects as JSON", () => {
    expect(jsonToObserved(3.5)).toBe(3.5);
    expect(jsonToObserved(false)).toBe(false);
    expect(jsonToObserved(null)).toBeNull();
    expect(jsonToObserved(["a", 1, { b: 2 }])).toEqual(["a", "1", '{"b":2}']);
    expect(jsonToObserved({ b: [1] })).toBe('{"b":[1]}');
  });

  it("formats paths as users write them", () => {
    expect(formatJsonPath(["data", 0, "id"])).toBe("json.data[0].id");
  });
});
