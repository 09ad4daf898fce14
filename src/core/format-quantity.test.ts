import { describe, expect, test } from "vitest";
import { formatNumber, formatQuantity } from "./format-quantity.js";

describe("formatQuantity", () => {
  test("durations pick the largest unit that keeps a number of at least 1", () => {
    expect(formatQuantity({ value: 241, unit: "ms" })).toBe("241ms");
    expect(formatQuantity({ value: 241.37, unit: "ms" })).toBe("241.4ms");
    expect(formatQuantity({ value: 1500, unit: "ms" })).toBe("1.5s");
    expect(formatQuantity({ value: 90_000, unit: "ms" })).toBe("1.5m");
    expect(formatQuantity({ value: 7_200_000, unit: "ms" })).toBe("2h");
    expect(formatQuantity({ value: 14 * 86_400_000, unit: "ms" })).toBe("14d");
    expect(formatQuantity({ value: 0.25, unit: "ms" })).toBe("250us");
    expect(formatQuantity({ value: 59_999.9, unit: "ms" })).toBe("1m");
    expect(formatQuantity({ value: 0, unit: "ms" })).toBe("0ms");
    expect(formatQuantity({ value: -1500, unit: "ms" })).toBe("-1.5s");
  });

  test("sizes use decimal steps unless the expectation was written in KiB/MiB", () => {
    expect(formatQuantity({ value: 2_300_000, unit: "B" })).toBe("2.3MB");
    expect(formatQuantity({ value: 512, unit: "B" })).toBe("512B");
    expect(formatQuantity({ value: 999_999_999, unit: "B" })).toBe("1GB");
    expect(formatQuantity({ value: 999_400, unit: "B" })).toBe("999.4KB");
    expect(formatQuantity({ value: 0, unit: "B" })).toBe("0B");
    expect(formatQuantity({ value: 1_500_000_000, unit: "B" }, "GB")).toBe("1.5GB");
    expect(formatQuantity({ value: 3 * 1024 * 1024, unit: "B" }, "MiB")).toBe("3MiB");
  });

  test("plain numbers stay plain unless the expectation was written in %", () => {
    expect(formatQuantity(0.93)).toBe("0.93");
    expect(formatQuantity(0.93, "%")).toBe("93%");
    expect(formatQuantity(0.005, "%")).toBe("0.5%");
    expect(formatQuantity(200)).toBe("200");
    expect(formatQuantity(123_456_789)).toBe("123456789");
  });

  test("more digits on request", () => {
    expect(formatQuantity({ value: 300.0004, unit: "ms" })).toBe("300ms");
    expect(formatQuantity({ value: 300.0004, unit: "ms" }, null, 15)).toBe("300.0004ms");
  });

  test("non-finite values are shown, not hidden", () => {
    expect(formatQuantity({ value: Number.NaN, unit: "ms" })).toBe("NaN");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("Infinity");
  });
});
