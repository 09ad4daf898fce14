import { describe, expect, it, test } from "vitest";
import { lookupUnit, parseDuration, parseSize, suggestUnit, toBaseUnits } from "./units.js";

function base(literal: number, symbol: string): number {
  return toBaseUnits(literal, lookupUnit(symbol));
}

describe("toBaseUnits", () => {
  test("durations become milliseconds without truncating fractions", () => {
    expect(base(1.5, "s")).toBe(1500);
    expect(base(0.3, "s")).toBe(300);
    expect(base(250, "us")).toBe(0.25);
    expect(base(5, "µs")).toBe(0.005);
    expect(base(5, "μs")).toBe(0.005);
    expect(base(30, "m")).toBe(1_800_000);
    expect(base(2, "h")).toBe(7_200_000);
    expect(base(1, "d")).toBe(86_400_000);
  });

  test("sizes use powers of 1000 for KB..TB and 1024 for KiB..TiB", () => {
    expect(base(1, "GB")).toBe(1e9);
    expect(base(2.5, "KB")).toBe(2500);
    expect(base(1, "TB")).toBe(1e12);
    expect(base(1, "KiB")).toBe(1024);
    expect(base(1, "MiB")).toBe(1_048_576);
    expect(base(1, "GiB")).toBe(1_073_741_824);
    expect(base(1, "TiB")).toBe(1_099_511_627_776);
  });

  test("percent is a ratio and float noise is rounded away", () => {
    expect(base(90, "%")).toBe(0.9);
    expect(base(0.5, "%")).toBe(0.005);
    expect(base(99.9, "%")).toBe(0.999);
    expect(base(7, "%")).toBe(0.07);
  });

  test("no unit keeps the number exactly as written", () => {
    expect(toBaseUnits(0.30000000000000004, undefined)).toBe(0.30000000000000004);
  });
});

describe("lookupUnit", () => {
  test("is case-sensitive and ignores Object.prototype names", () => {
    expect(lookupUnit("MB")?.dimension).toBe("size");
    expect(lookupUnit("mb")).toBeUndefined();
    expect(lookupUnit("constructor")).toBeUndefined();
    expect(lookupUnit("%")).toEqual({ symbol: "%", dimension: "none", factor: 0.01 });
    expect(lookupUnit("µs")?.symbol).toBe("us");
  });
});

describe("suggestUnit", () => {
  test("suggests the unit a typo or a long name meant", () => {
    expect(suggestUnit("mb")).toBe("MB");
    expect(suggestUnit("Ms")).toBe("ms");
    expect(suggestUnit("kib")).toBe("KiB");
    expect(suggestUnit("sec")).toBe("s");
    expect(suggestUnit("Minutes")).toBe("m");
    expect(suggestUnit("mss")).toBeUndefined();
  });
});

describe("parseDuration", () => {
  test("reads the durations gonogo.yml uses for timeouts", () => {
    expect(parseDuration("5s")).toBe(5000);
    expect(parseDuration("10m")).toBe(600_000);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("1h")).toBe(3_600_000);
    expect(parseDuration("1.5s")).toBe(1500);
    expect(parseDuration(" 2 d ")).toBe(172_800_000);
    expect(parseDuration("0s")).toBe(0);
  });

  test("returns null for anything that is not a duration", () => {
    expect(parseDuration("5")).toBeNull();
    expect(parseDuration("5MB")).toBeNull();
    expect(parseDuration("90%")).toBeNull();
    expect(parseDuration("-5s")).toBeNull();
    expect(parseDuration("5 sec")).toBeNull();
    expect(parseDuration("")).toBeNull();
    expect(parseDuration("s")).toBeNull();
    expect(parseDuration("1e999s")).toBeNull();
  });
});

describe("parseSize", () => {
  it.each([
    ["512", 512],
    ["512B", 512],
    ["64KB", 64_000],
    ["64KiB", 65_536],
    ["1MB", 1_000_000],
    ["1.5 MiB", 1_572_864],
    ["2GB", 2_000_000_000],
  ])("%s is %i bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(["", "MB", "1 parsec", "-1MB", "5s"])("%j is not a size", (text) => {
    expect(parseSize(text)).toBeNull();
  });
});
