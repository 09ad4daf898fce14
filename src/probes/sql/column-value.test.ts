import { describe, expect, it } from "vitest";
import { observedValue } from "./column-value.js";

describe("observedValue", () => {
  it("turns numeric text of numeric columns into numbers, unless that would round", () => {
    expect(observedValue("42", "integer")).toBe(42);
    expect(observedValue("-7", "integer")).toBe(-7);
    expect(observedValue("9007199254740993", "integer")).toBe("9007199254740993");
    expect(observedValue("12.50", "decimal")).toBe(12.5);
    expect(observedValue("NaN", "decimal")).toBe("NaN");
    expect(observedValue("42", "other")).toBe("42");
    expect(observedValue(10n, "other")).toBe(10);
    expect(observedValue(2n ** 60n, "other")).toBe("1152921504606846976");
  });

  it("keeps booleans, numbers and null as they are", () => {
    expect([true, false, 0, 1.5, null, undefined].map((value) => observedValue(value, "other"))).toEqual([
      true,
      false,
      0,
      1.5,
      null,
      null,
    ]);
  });

  it("writes instants in UTC and leaves dates and zone-less timestamps as written", () => {
    expect(observedValue("2024-05-01 10:00:00+02", "timestamptz")).toBe("2024-05-01T08:00:00.000Z");
    expect(observedValue("2024-05-01 10:00:00.25+05:30", "timestamptz")).toBe("2024-05-01T04:30:00.250Z");
    expect(observedValue("2024-05-01 10:00:00", "timestamptz")).toBe("2024-05-01T10:00:00.000Z");
    expect(observedValue("infinity", "timestamptz")).toBe("infinity");
    expect(observedValue("2024-05-01 10:00:00", "timestamp")).toBe("2024-05-01T10:00:00");
    expect(observedValue("2024-05-01", "date")).toBe("2024-05-01");
    expect(observedValue(new Date("2024-05-01T00:00:00Z"), "other")).toBe("2024-05-01T00:00:00.000Z");
  });

  it("renders bytes as hex, text arrays as lists, anything else as JSON", () => {
    expect(observedValue(Buffer.from([0, 255]), "other")).toBe("\\x00ff");
    expect(observedValue(["a", "b"], "other")).toEqual(["a", "b"]);
    expect(observedValue([1, 2], "other")).toBe("[1,2]");
    expect(observedValue({ a: 1, big: 2n }, "other")).toBe('{"a":1,"big":"2"}');
  });
});
