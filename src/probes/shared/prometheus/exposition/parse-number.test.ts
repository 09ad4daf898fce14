import { describe, expect, it } from "vitest";
import { parseFloatValue, parseTimestamp } from "./parse-number.js";

describe("parseFloatValue", () => {
  it.each<[string, number]>([
    ["1", 1],
    ["-1.5", -1.5],
    ["+2", 2],
    [".5", 0.5],
    ["5.", 5],
    ["1e3", 1000],
    ["1.5E-3", 0.0015],
    ["+Inf", Number.POSITIVE_INFINITY],
    ["-Inf", Number.NEGATIVE_INFINITY],
    ["inf", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
  ])("reads %s", (text, value) => {
    expect(parseFloatValue(text)).toBe(value);
  });

  it("reads NaN in any case", () => {
    expect(parseFloatValue("NaN")).toBeNaN();
    expect(parseFloatValue("nan")).toBeNaN();
  });

  it.each(["", "0x10", "1_000", "1.2.3", "e3", "one", "1e", "Inff", "--1"])("rejects %j", (text) => {
    expect(parseFloatValue(text)).toBeUndefined();
  });
});

describe("parseTimestamp", () => {
  it("reads integer milliseconds in the text format", () => {
    expect(parseTimestamp("1395066363000", false)).toBe(1395066363000);
    expect(parseTimestamp("-5", false)).toBe(-5);
    expect(parseTimestamp("1.5", false)).toBeUndefined();
  });

  it("reads seconds, fractions allowed, in OpenMetrics", () => {
    expect(parseTimestamp("1520879607.789", true)).toBeCloseTo(1520879607789, 3);
    expect(parseTimestamp("1520879607", true)).toBe(1520879607000);
    expect(parseTimestamp("NaN", true)).toBeUndefined();
  });
});
