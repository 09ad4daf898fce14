import { describe, expect, test } from "vitest";
import type { Observations } from "../core/observation.js";
import { evaluateExpectation } from "./evaluate.js";
import { formatResult } from "./format.js";
import { parseExpectation } from "./parse.js";

function line(source: string, observations: Observations): string {
  const parsed = parseExpectation(source);
  if (!parsed.ok) throw new Error(parsed.error.pretty);
  return formatResult(evaluateExpectation(parsed.expectation, observations));
}

describe("formatResult", () => {
  test("observable, actual, operator, expected, mark", () => {
    expect(line("p95 < 300ms", { p95: { value: 412, unit: "ms" } })).toBe("p95 412ms < 300ms ✗");
    expect(line("status == 200", { status: 200 })).toBe("status 200 == 200 ✓");
    expect(line("hit_rate ≥ 90%", { hit_rate: 0.93 })).toBe("hit_rate 93% >= 90% ✓");
    expect(line('body contains "ok"', { body: "not okay" })).toBe('body "not okay" contains "ok" ✓');
    expect(line("missing == 0", { missing: ["a", "b"] })).toBe("missing 2 items: a, b == 0 ✗");
  });

  test("an error names the problem, with ? for a missing value", () => {
    expect(line("json.foo == 1", {})).toBe(
      "json.foo ? == 1 — error: no value for json.foo: the probe did not report it",
    );
    expect(line("latency < 300ms", { latency: 250 })).toBe(
      "latency 250 < 300ms — error: latency is a plain number with no unit: write 300, not 300ms",
    );
  });

  test("presence checks say what was found when they fail", () => {
    expect(line("json.x exists", { "json.x": 1 })).toBe("json.x exists ✓");
    expect(line("json.x exists", {})).toBe("json.x exists ✗ (missing)");
    expect(line("header.server !exists", {})).toBe("header.server !exists ✓");
    expect(line("header.server !exists", { "header.server": "nginx" })).toBe(
      'header.server !exists ✗ (found "nginx")',
    );
  });

  test("a stored result whose expr does not parse still shows its actual value", () => {
    expect(formatResult({ expr: "legacy check", ok: false, actual: "7" })).toBe("legacy check (actual 7) ✗");
    expect(formatResult({ expr: "legacy", ok: false, actual: "?", error: "boom" })).toBe(
      "legacy (actual ?) — error: boom",
    );
  });
});
