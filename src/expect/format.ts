import { canonicalValue } from "./canonical.js";
import { parseExpectation } from "./parse.js";
import type { ExpectationResult } from "./types.js";

const MISSING = "missing";

function withOutcome(line: string, result: ExpectationResult): string {
  if (result.error !== undefined) return `${line} — error: ${result.error}`;
  return `${line} ${result.ok ? "✓" : "✗"}`;
}

/**
 * One line of evidence for a result, showing what was seen between the observable and the operator:
 * `p95 412ms < 300ms ✗`, `status 200 == 200 ✓`, `json.foo ? == 1 — error: no value for json.foo: ...`.
 * Works from the stored result alone (its `expr` is canonical and parses back), so a report can
 * format results read from a stored run.
 */
export function formatResult(result: ExpectationResult): string {
  const parsed = parseExpectation(result.expr);
  if (!parsed.ok) return withOutcome(`${result.expr} (actual ${result.actual})`, result);
  const exp = parsed.expectation;
  const name = exp.observable.text;
  if (exp.expected === null) {
    const line = `${name} ${exp.op}`;
    if (result.ok || result.error !== undefined) return withOutcome(line, result);
    const seen = result.actual === MISSING ? MISSING : `found ${result.actual}`;
    return `${line} ✗ (${seen})`;
  }
  const actual = result.actual === MISSING ? "?" : result.actual;
  return withOutcome(`${name} ${actual} ${exp.op} ${canonicalValue(exp.expected)}`, result);
}
