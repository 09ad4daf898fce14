import type { Observations, Observed } from "../probes/types.js";
import { kindProblem } from "./check.js";
import { compareSeen } from "./compare.js";
import { classifyObserved, numberInText, type Seen, type Unusable } from "./observed.js";
import { renderActual } from "./render.js";
import type { ComparisonExpectation, Expectation, ExpectationResult, PresenceExpectation } from "./types.js";

const MISSING = "missing";

function noValue(name: string, raw: null | undefined): string {
  const why = raw === null ? "the probe looked and found nothing there" : "the probe did not report it";
  return `no value for ${name}: ${why}`;
}

function renderPresent(raw: Exclude<Observed, null>, name: string): string {
  const seen = classifyObserved(raw, name);
  return "error" in seen ? seen.actual : renderActual(seen);
}

function presence(
  exp: PresenceExpectation,
  raw: Observed | undefined,
  shown: Observed | undefined,
): ExpectationResult {
  const present = raw !== undefined && raw !== null;
  const actual = present ? renderPresent(shown ?? raw, exp.observable.text) : MISSING;
  return { expr: exp.text, ok: exp.op === "exists" ? present : !present, actual };
}

/** Text compared with a number is read as one when it is one; otherwise that is an error, not 0. */
function subjectOf(seen: Seen, exp: ComparisonExpectation, actual: string): Seen | Unusable {
  if (seen.kind !== "string" || exp.expected.kind !== "number") return seen;
  const value = numberInText(seen.value);
  if (value !== undefined) return { kind: "number", value };
  const name = exp.observable.text;
  return { error: `${name} is text (${actual}), not a number: cannot compare with ${exp.op}`, actual };
}

/**
 * The rendering of a number that failed its comparison must not read the same as the expected value
 * (`300ms < 300ms ✗` when 300.4ms was seen), so in that case it shows every digit.
 */
function distinctActual(
  subject: Seen,
  display: Seen,
  exp: ComparisonExpectation,
  like: string | null,
): string {
  const shown = renderActual(display, like);
  const expected = exp.expected;
  const numeric = subject.kind === "duration" || subject.kind === "size" || subject.kind === "number";
  if (!numeric || expected.kind !== "number" || subject.value === expected.value) return shown;
  const expectedShown = renderActual({ kind: subject.kind, value: expected.value }, like);
  return shown === expectedShown ? renderActual(subject, like, 15) : shown;
}

function comparison(
  exp: ComparisonExpectation,
  raw: Exclude<Observed, null>,
  shown: Observed | undefined,
): ExpectationResult {
  const expr = exp.text;
  const seen = classifyObserved(raw, exp.observable.text);
  if ("error" in seen) return { expr, ok: false, actual: seen.actual, error: seen.error };
  const display = displayed(seen, shown, exp.observable.text);
  const like = exp.expected.kind === "number" ? exp.expected.unit : null;
  const subject = subjectOf(seen, exp, renderActual(display, like));
  if ("error" in subject) return { expr, ok: false, actual: subject.actual, error: subject.error };
  const actual = subject === seen ? distinctActual(subject, display, exp, like) : renderActual(display, like);
  const problem = kindProblem(subject.kind, exp);
  if (problem) return { expr, ok: false, actual, error: problem };
  const outcome = compareSeen(subject, exp.op, exp.expected);
  if (typeof outcome === "object") return { expr, ok: false, actual, error: outcome.error };
  return { expr, ok: outcome, actual };
}

/** What a report shows of a value: its masked spelling, of the same kind as the value judged. */
function displayed(seen: Seen, shown: Observed | undefined, name: string): Seen {
  if (shown === undefined || shown === null) return seen;
  const display = classifyObserved(shown, name);
  return "error" in display || display.kind !== seen.kind ? seen : display;
}

/**
 * Judges one expectation against a check's observations, found under `exp.observable.text`.
 * A missing or null value is an error naming the observable (never a silent 0, never a pass),
 * except for `exists` / `!exists`, which ask exactly that.
 * The judgement is made on the raw `observations`, so a secret in a body is there to be found;
 * `shown` (the same observations with secrets masked) is what the `actual` text is written from.
 */
export function evaluateExpectation(
  exp: Expectation,
  observations: Observations,
  shown: Observations = observations,
): ExpectationResult {
  const name = exp.observable.text;
  // hasOwn, so an observable named "constructor" is not found on Object.prototype.
  const raw = Object.hasOwn(observations, name) ? observations[name] : undefined;
  const display = Object.hasOwn(shown, name) ? shown[name] : undefined;
  if (exp.expected === null) return presence(exp, raw, display);
  if (raw === undefined || raw === null) {
    return { expr: exp.text, ok: false, actual: MISSING, error: noValue(name, raw) };
  }
  return comparison(exp, raw, display);
}
