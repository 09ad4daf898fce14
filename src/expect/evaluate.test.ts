import { describe, expect, it, test } from "vitest";
import { threadCpuMs } from "../../test/support/timing.js";
import type { Observations } from "../core/observation.js";
import { evaluateExpectation } from "./evaluate.js";
import { parseExpectation } from "./parse.js";
import type { ExpectationResult } from "./types.js";

function run(source: string, observations: Observations): ExpectationResult {
  const parsed = parseExpectation(source);
  if (!parsed.ok) throw new Error(parsed.error.pretty);
  return evaluateExpectation(parsed.expectation, observations);
}

const ms = (value: number) => ({ value, unit: "ms" as const });
const bytes = (value: number) => ({ value, unit: "B" as const });

describe("a missing value is an error, never a pass or a silent 0", () => {
  test("not reported at all", () => {
    expect(run("json.foo == 1", {})).toEqual({
      expr: "json.foo == 1",
      ok: false,
      actual: "missing",
      error: "no value for json.foo: the probe did not report it",
    });
    expect(run("secrets == 0", { other: 0 })).toMatchObject({
      ok: false,
      error: "no value for secrets: the probe did not report it",
    });
    expect(run("json.foo != 1", {})).toMatchObject({ ok: false, actual: "missing" });
    expect(run('body !contains "x"', {})).toMatchObject({ ok: false, actual: "missing" });
  });

  test("reported as null", () => {
    expect(run("header.location == 'x'", { "header.location": null })).toEqual({
      expr: 'header.location == "x"',
      ok: false,
      actual: "missing",
      error: "no value for header.location: the probe looked and found nothing there",
    });
  });

  test("names on Object.prototype are not values", () => {
    expect(run("constructor exists", {})).toMatchObject({ ok: false, actual: "missing" });
    expect(run("toString == 1", {})).toMatchObject({
      ok: false,
      error: "no value for toString: the probe did not report it",
    });
  });

  test("exists and !exists answer without an error", () => {
    expect(run("json.x exists", {})).toEqual({ expr: "json.x exists", ok: false, actual: "missing" });
    expect(run("json.x exists", { "json.x": null })).toEqual({
      expr: "json.x exists",
      ok: false,
      actual: "missing",
    });
    expect(run("json.x exists", { "json.x": 0 })).toEqual({ expr: "json.x exists", ok: true, actual: "0" });
    expect(run("json.x exists", { "json.x": "" })).toEqual({ expr: "json.x exists", ok: true, actual: '""' });
    expect(run("json.x !exists", {})).toEqual({ expr: "json.x !exists", ok: true, actual: "missing" });
    expect(run("header.server !exists", { "header.server": "nginx" })).toEqual({
      expr: "header.server !exists",
      ok: false,
      actual: '"nginx"',
    });
  });

  test("the key is the canonical text, whatever the spacing", () => {
    expect(run("quantile( lat , 0.950 ) < 300ms", { "quantile(lat, 0.95)": ms(241) })).toMatchObject({
      ok: true,
    });
  });
});

describe("quantities", () => {
  test("durations compare in milliseconds whatever unit was written", () => {
    expect(run("p95 < 300ms", { p95: ms(412) })).toEqual({ expr: "p95 < 300ms", ok: false, actual: "412ms" });
    expect(run("p95 < 0.3s", { p95: ms(241) })).toEqual({ expr: "p95 < 0.3s", ok: true, actual: "241ms" });
    expect(run("p95 <= 300ms", { p95: ms(300) })).toMatchObject({ ok: true });
    expect(run("ttl(session:*) <= 30m", { "ttl(session:*)": ms(1_800_001) })).toMatchObject({ ok: false });
    expect(run("latency == 1.5s", { latency: ms(1500) })).toEqual({
      expr: "latency == 1.5s",
      ok: true,
      actual: "1.5s",
    });
  });

  test("sizes compare in bytes", () => {
    expect(run("size < 1GB", { size: bytes(999_999_999) })).toMatchObject({
      ok: true,
      actual: "999.999999MB",
    });
    expect(run("size < 1GB", { size: bytes(2_345_678) })).toMatchObject({ ok: true, actual: "2.346MB" });
    expect(run("size < 1GB", { size: bytes(1e9) })).toMatchObject({ ok: false, actual: "1GB" });
    expect(run("size >= 1KiB", { size: bytes(1024) })).toMatchObject({ ok: true, actual: "1KiB" });
  });

  test("a failing number never shows the same text as the expected value", () => {
    expect(run("p95 < 300ms", { p95: ms(300.0004) })).toMatchObject({ ok: false, actual: "300.0004ms" });
    expect(run("hit_rate >= 90%", { hit_rate: 0.89999 })).toMatchObject({ ok: false, actual: "89.999%" });
    expect(run("hit_rate >= 90%", { hit_rate: 0.8999999 })).toMatchObject({ ok: false, actual: "89.99999%" });
  });

  test("a dimension mismatch is an error, never a guess", () => {
    expect(run("latency < 300ms", { latency: 250 })).toEqual({
      expr: "latency < 300ms",
      ok: false,
      actual: "250",
      error: "latency is a plain number with no unit: write 300, not 300ms",
    });
    expect(run("latency < 300ms", { latency: bytes(250) })).toEqual({
      expr: "latency < 300ms",
      ok: false,
      actual: "250B",
      error: "latency is a size, but 300ms is a duration",
    });
    expect(run("latency < 300", { latency: ms(250) })).toMatchObject({
      ok: false,
      error: 'latency is a duration: write a unit, e.g. "300ms"?',
    });
  });

  test("plain numbers compare with dimensionless values, % included", () => {
    expect(run("hit_rate >= 90%", { hit_rate: 0.93 })).toEqual({
      expr: "hit_rate >= 90%",
      ok: true,
      actual: "93%",
    });
    expect(run("hit_rate >= 0.90", { hit_rate: 0.9 })).toEqual({
      expr: "hit_rate >= 0.9",
      ok: true,
      actual: "0.9",
    });
    expect(run("hit_rate >= 90%", { hit_rate: 0.9 })).toMatchObject({ ok: true });
    expect(run("status == 200", { status: 200 })).toEqual({ expr: "status == 200", ok: true, actual: "200" });
    expect(run("status != 200", { status: 200 })).toMatchObject({ ok: false });
    expect(run("delta > -1", { delta: -0.5 })).toMatchObject({ ok: true });
  });

  test("NaN and infinities are errors, but for a duration that never ends", () => {
    expect(run("hit_rate >= 0.9", { hit_rate: Number.NaN })).toEqual({
      expr: "hit_rate >= 0.9",
      ok: false,
      actual: "NaN",
      error: "hit_rate is not a finite number (NaN)",
    });
    expect(run("p95 < 1s", { p95: ms(Number.NEGATIVE_INFINITY) })).toMatchObject({
      ok: false,
      error: "p95 is not a finite number (-Infinity)",
    });
    expect(run("p95 < 1s", { p95: ms(Number.POSITIVE_INFINITY) })).toEqual({
      expr: "p95 < 1s",
      ok: false,
      actual: "never",
    });
    expect(run("hit_rate >= 0.9", { hit_rate: Number.POSITIVE_INFINITY })).toMatchObject({
      ok: false,
      error: "hit_rate is not a finite number (Infinity)",
    });
    expect(run("x != 1", { x: Number.NaN })).toMatchObject({ ok: false });
  });
});

describe("lists", () => {
  const headers = { security_headers: ["CSP", "HSTS", "X-Frame-Options"] };

  test("compared with a number, a list compares its length", () => {
    expect(run("missing == 0", { missing: [] })).toEqual({
      expr: "missing == 0",
      ok: true,
      actual: "0 items",
    });
    expect(run("missing == 0", { missing: ["a", "b"] })).toEqual({
      expr: "missing == 0",
      ok: false,
      actual: "2 items: a, b",
    });
    expect(run("security_headers >= 3", headers)).toMatchObject({
      ok: true,
      actual: "3 items: CSP, HSTS, X-Frame-Options",
    });
  });

  test("contains is membership, not substring", () => {
    expect(run('security_headers contains "CSP"', headers)).toMatchObject({ ok: true });
    expect(run('security_headers contains "HST"', headers)).toMatchObject({ ok: false });
    expect(run('security_headers !contains "Server"', headers)).toMatchObject({ ok: true });
  });

  test("matches is true when any element matches", () => {
    expect(run("security_headers matches /^x-frame/i", headers)).toMatchObject({ ok: true });
    expect(run("security_headers matches /^x-frame/", headers)).toMatchObject({ ok: false });
    expect(run("security_headers !matches /^server$/i", headers)).toMatchObject({ ok: true });
    expect(run("security_headers !matches /HSTS/", headers)).toMatchObject({ ok: false });
  });

  test("== text is an error pointing at contains", () => {
    expect(run('security_headers == "CSP"', headers)).toMatchObject({
      ok: false,
      error: 'security_headers is a list: use security_headers contains "CSP" to test membership',
    });
  });
});

describe("strings", () => {
  test("== and != are exact; contains is a substring", () => {
    expect(run('header.content-type == "text/html"', { "header.content-type": "text/html" })).toEqual({
      expr: 'header.content-type == "text/html"',
      ok: true,
      actual: '"text/html"',
    });
    expect(run('header.content-type == "text/HTML"', { "header.content-type": "text/html" })).toMatchObject({
      ok: false,
    });
    expect(run('stdout contains "15 passing"', { stdout: "  15 passing (2s)\n" })).toMatchObject({
      ok: true,
    });
    expect(run('body !contains "error"', { body: "all good" })).toMatchObject({ ok: true });
    expect(run('body !contains "error"', { body: "an error" })).toMatchObject({ ok: false });
  });

  test("matches uses RE2 with flags, unanchored", () => {
    expect(
      run("header.content-type matches /json/", { "header.content-type": "application/json" }),
    ).toMatchObject({ ok: true });
    expect(
      run("header.content-type matches /JSON/", { "header.content-type": "application/json" }),
    ).toMatchObject({ ok: false });
    expect(
      run("header.content-type matches /JSON/i", { "header.content-type": "application/json" }),
    ).toMatchObject({ ok: true });
    expect(run("body matches /^b$/m", { body: "a\nb\nc" })).toMatchObject({ ok: true });
    expect(run("body matches /a.c/s", { body: "a\nc" })).toMatchObject({ ok: true });
    expect(run("body !matches /a.c/", { body: "a\nc" })).toMatchObject({ ok: true });
  });

  test("a pattern that backtracks exponentially elsewhere stays linear", () => {
    const started = threadCpuMs();
    const result = run("body matches /^(a+)+$/", { body: `${"a".repeat(5000)}!` });
    expect(result).toMatchObject({ ok: false });
    expect(threadCpuMs() - started).toBeLessThan(2000);
  });

  test("a numeric string compared with a number is that number", () => {
    expect(run("header.content-length < 1000", { "header.content-length": "123" })).toEqual({
      expr: "header.content-length < 1000",
      ok: true,
      actual: '"123"',
    });
    expect(run("header.x == 5", { "header.x": " 5.0 " })).toMatchObject({ ok: true });
    expect(run("header.x >= 90%", { "header.x": "0.95" })).toMatchObject({ ok: true });
  });

  test("a non-numeric string compared with a number is an error, not 0", () => {
    expect(run("header.x < 5", { "header.x": "abc" })).toEqual({
      expr: "header.x < 5",
      ok: false,
      actual: '"abc"',
      error: 'header.x is text ("abc"), not a number: cannot compare with <',
    });
    expect(run("header.x == 0", { "header.x": "" })).toMatchObject({
      ok: false,
      error: 'header.x is text (""), not a number: cannot compare with ==',
    });
  });

  test("long text is cut in the actual value", () => {
    const result = run('body contains "zzz"', { body: "x".repeat(500) });
    expect(result.ok).toBe(false);
    expect(result.actual).toBe(`"${"x".repeat(119)}…"`);
  });
});

describe("booleans", () => {
  test("== true / false", () => {
    expect(run("json.ready == true", { "json.ready": true })).toEqual({
      expr: "json.ready == true",
      ok: true,
      actual: "true",
    });
    expect(run("json.ready == true", { "json.ready": false })).toEqual({
      expr: "json.ready == true",
      ok: false,
      actual: "false",
    });
    expect(run("json.ready != false", { "json.ready": true })).toMatchObject({ ok: true });
  });

  test("a boolean is not a number", () => {
    expect(run("json.ready == 1", { "json.ready": true })).toMatchObject({
      ok: false,
      error: "json.ready is true or false: write json.ready == true or json.ready == false",
    });
  });

  test("a string is not a boolean", () => {
    expect(run("json.ready == true", { "json.ready": "true" })).toMatchObject({
      ok: false,
      error: 'json.ready is text: compare it with quoted text, e.g. json.ready == "true"',
    });
  });
});

describe("values a probe should not send", () => {
  test("an unknown shape is an error", () => {
    const odd = { x: { value: 1, unit: "kg" } } as unknown as Observations;
    expect(run("x < 5", odd)).toEqual({
      expr: "x < 5",
      ok: false,
      actual: "?",
      error: "x has a value gonogo cannot compare (object)",
    });
    const mixed = { x: ["a", 1] } as unknown as Observations;
    expect(run("x == 2", mixed)).toMatchObject({
      ok: false,
      error: "x is a list with items that are not text",
    });
  });
});

describe("a duration that never ends", () => {
  it("fails an upper bound, holds a lower bound, and prints as never", () => {
    const parsed = parseExpectation("ttl(session:*) <= 30m");
    if (!parsed.ok) throw new Error(parsed.error.message);
    const result = evaluateExpectation(parsed.expectation, {
      "ttl(session:*)": { value: Number.POSITIVE_INFINITY, unit: "ms" },
    });
    expect(result).toEqual({ expr: "ttl(session:*) <= 30m", ok: false, actual: "never" });
    const lower = parseExpectation("ttl(session:*) > 1h");
    if (!lower.ok) throw new Error(lower.error.message);
    expect(
      evaluateExpectation(lower.expectation, {
        "ttl(session:*)": { value: Number.POSITIVE_INFINITY, unit: "ms" },
      }).ok,
    ).toBe(true);
  });

  it("still refuses an infinite plain number or NaN", () => {
    const parsed = parseExpectation("value < 5");
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(evaluateExpectation(parsed.expectation, { value: Number.POSITIVE_INFINITY }).error).toBeDefined();
    expect(evaluateExpectation(parsed.expectation, { value: Number.NaN }).error).toBeDefined();
  });
});

describe("judged on the raw value, shown as masked", () => {
  const parsed = (source: string) => {
    const result = parseExpectation(source);
    if (!result.ok) throw new Error(result.error.pretty);
    return result.expectation;
  };
  const raw = { body: "key AKIAIOSFODNN7EXAMPLE", n: "12" };
  const shown = { body: "key AKIA************MPLE", n: "12" };

  test("an absence check finds the secret the report will not show", () => {
    expect(evaluateExpectation(parsed('body !contains "AKIAIOSFODNN7EXAMPLE"'), raw, { shown })).toEqual({
      expr: 'body !contains "AKIAIOSFODNN7EXAMPLE"',
      ok: false,
      actual: '"key AKIA************MPLE"',
    });
    expect(evaluateExpectation(parsed("body exists"), raw, { shown }).actual).toBe(
      '"key AKIA************MPLE"',
    );
  });

  test("text read as a number is judged and shown as before", () => {
    expect(evaluateExpectation(parsed("n > 10"), raw, { shown })).toEqual({
      expr: "n > 10",
      ok: true,
      actual: '"12"',
    });
  });
});
