import { formatQuantity } from "../core/format-quantity.js";
import { formatResult } from "../expect/index.js";
import type { JsonCheckResult } from "../model/report.js";

/** `412ms`, `5s`, `1.23s`: three significant digits are plenty for a check's run time. */
export function formatDuration(ms: number): string {
  return formatQuantity({ value: ms, unit: "ms" }, null, 3);
}

/** Which check ran and how: `check health (http, 12ms, 3 attempts): error`. */
export function describeCheck(check: JsonCheckResult): string {
  const how = [check.probe, formatDuration(check.durationMs)];
  if (check.attempts !== undefined && check.attempts > 1) how.push(`${check.attempts} attempts`);
  return `check ${check.id} (${how.join(", ")}): ${check.status}`;
}

/**
 * What decided a check, one line each: every expectation as `p95 412ms < 300ms ✗`, then the
 * check's error as `error: GET http://127.0.0.1:1/health: connection refused`. A multi-line error
 * (a command's output tail) keeps its lines, so each reporter can indent or escape them its own way.
 */
export function checkEvidence(check: JsonCheckResult): string[] {
  const lines = check.expectations.map((outcome) => formatResult(outcome));
  if (check.error !== undefined) {
    const [first = "", ...rest] = check.error.split(/\r\n|\r|\n/);
    lines.push(`error: ${first}`, ...rest.map((line) => `  ${line}`));
  }
  return lines;
}

/** Each check's heading with its evidence indented beneath it: the body of a failure in any report. */
export function evidenceBlock(checks: JsonCheckResult[]): string[] {
  return checks.flatMap((check) => [
    describeCheck(check),
    ...checkEvidence(check).map((line) => `  ${line}`),
  ]);
}

/** A passing item's evidence in one short line: `check tls (tls, 40ms): 2 expectations held`. */
export function passedEvidence(checks: JsonCheckResult[]): string {
  const ids = checks.map((c) => c.id).join(", ");
  const probes = [...new Set(checks.map((c) => c.probe))].join(", ");
  const ms = checks.reduce((sum, c) => sum + c.durationMs, 0);
  const held = checks.reduce((sum, c) => sum + c.expectations.length, 0);
  const noun = checks.length === 1 ? "check" : "checks";
  return `${noun} ${ids} (${probes}, ${formatDuration(ms)}): ${held} ${held === 1 ? "expectation" : "expectations"} held`;
}

/**
 * The checks of an item that did not pass. A waiver changes what counts, not what was measured:
 * every report shows a waived item's failed checks, so a waiver never hides a broken thing.
 */
export function failedChecks(checks: JsonCheckResult[]): JsonCheckResult[] {
  return checks.filter((check) => check.status !== "pass");
}

/** The note beside a waived item whose check failed, said the same way in every report. */
export const WAIVED_OVER_FAILURE = "waived, but its check did not pass";

/**
 * The one line that says best why an item is not ready, for a headline (a JUnit message, a list
 * entry): the first broken check's error, else its first expectation that did not hold.
 */
export function firstFailure(checks: JsonCheckResult[]): string | undefined {
  for (const check of checks) {
    if (check.status === "pass") continue;
    const reason =
      check.error?.split(/\r\n|\r|\n/)[0] ??
      check.expectations.filter((e) => !e.ok).map((e) => formatResult(e))[0] ??
      check.status;
    return `check ${check.id}: ${reason}`;
  }
  return undefined;
}
