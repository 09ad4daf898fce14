import type { Observations, Observed, PartialObservation, PartialObservations } from "../core/observation.js";
import { kindProblem } from "./check.js";
import { compareSeen } from "./compare.js";
import { classifyObserved, numberInText, type Seen, type Unusable } from "./observed.js";
import { renderActual } from "./render.js";
import { type Part, settleOnPart } from "./settle-on-part.js";
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

/**
 * The error for a judgment the probe's reading cannot support: on a value it could not read at all,
 * or on part of one where the part not read could change the answer. It names the limit and how
 * to raise it, so a forbidden string past a cut is never a pass.
 */
function cannotJudge(exp: Expectation, actual: string, cut: PartialObservation): ExpectationResult {
  const name = exp.observable.text;
  const raise = cut.raise === undefined ? "" : `; ${cut.raise}`;
  const error =
    cut.part === "unknown"
      ? `cannot judge ${exp.text}: ${name} could not be read (${cut.limit})${raise}`
      : `cannot judge ${exp.text} on part of ${name}: ${cut.limit}, and the part not read could change the answer${raise}`;
  return { expr: exp.text, ok: false, actual, error };
}

function presence(
  exp: PresenceExpectation,
  raw: Observed | undefined,
  shown: Observed | undefined,
  cut?: PartialObservation,
): ExpectationResult {
  const present = raw !== undefined && raw !== null;
  const actual = present ? renderPresent(shown ?? raw, exp.observable.text) : MISSING;
  // Nothing in what was read says nothing of the rest: only a value seen is known to exist.
  if (cut !== undefined && !present) return cannotJudge(exp, actual, cut);
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
  cut?: PartialObservation & { part: Part },
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
  if (cut === undefined) return { expr, ok: outcome, actual };
  // Text read as a number (`stdout == 3`) is never settled by a part: the rest may hold digits.
  const settled = subject === seen ? settleOnPart(subject, exp.op, exp.expected, cut.part) : undefined;
  return settled === undefined ? cannotJudge(exp, actual, cut) : { expr, ok: settled, actual };
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
 * except for `exists` / `!exists`, which ask exactly that. A value the probe read only in part
 * (`partial`) is judged only where what was read settles the answer; anywhere else, an absence
 * above all, the expectation is an error naming the limit.
 * The judgement is made on the raw `observations`, so a secret in a body is there to be found;
 * `how.shown` (the same observations with secrets masked) is what the `actual` text is written from.
 */
export function evaluateExpectation(
  exp: Expectation,
  observations: Observations,
  how: { partial?: PartialObservations; shown?: Observations } = {},
): ExpectationResult {
  const name = exp.observable.text;
  // hasOwn, so an observable named "constructor" is not found on Object.prototype.
  const raw = Object.hasOwn(observations, name) ? observations[name] : undefined;
  const shown = how.shown ?? observations;
  const partial = how.partial ?? {};
  const display = Object.hasOwn(shown, name) ? shown[name] : undefined;
  const cut = Object.hasOwn(partial, name) ? partial[name] : undefined;
  if (cut?.part === "unknown") {
    const actual = raw === undefined || raw === null ? MISSING : renderPresent(display ?? raw, name);
    return cannotJudge(exp, actual, cut);
  }
  const readInPart = cut as (PartialObservation & { part: Part }) | undefined;
  if (exp.expected === null) return presence(exp, raw, display, readInPart);
  if (raw === undefined || raw === null) {
    return { expr: exp.text, ok: false, actual: MISSING, error: noValue(name, raw) };
  }
  return comparison(exp, raw, display, readInPart);
}
