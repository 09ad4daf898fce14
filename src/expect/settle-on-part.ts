import type { PartialObservation } from "../core/observation.js";
import type { Seen } from "./observed.js";
import { compileRegex } from "./regex.js";
import type { ComparisonOp, ExpectedValue } from "./types.js";

/** How a value read in part relates to the whole (an `unknown` one is refused before any comparison). */
export type Part = Exclude<PartialObservation["part"], "unknown">;

// Zero-width assertions that look past a match's edge. A match that ends where a head was cut (or
// starts where a tail begins) only counts if the pattern cannot look there: `/ok$/` matches a body
// cut just after "ok" that goes on. Erring on the side of "looks" (`[^a]`, `\$`) only costs an error.
const LOOKS_PAST_EDGE = { head: /\$|\\[zbB]/, tail: /\^|\\[AbB]/ };
type TextPart = keyof typeof LOOKS_PAST_EDGE;

/**
 * A floor `v` of the true value (what was read; the whole is at least it): which outcomes of
 * `v <op> e` no larger value could change. `> e` that holds stays true; `< e` that fails stays false.
 */
function settledFromFloor(v: number, op: ComparisonOp, e: number): boolean | undefined {
  switch (op) {
    case ">":
      return v > e ? true : undefined;
    case ">=":
      return v >= e ? true : undefined;
    case "<":
      return v >= e ? false : undefined;
    case "<=":
    case "==":
      return v > e ? false : undefined;
    case "!=":
      return v > e ? true : undefined;
    default:
      return undefined;
  }
}

/** Whether `regex` matches somewhere in `text` that the unread part cannot undo. */
function foundClearOfCut(text: string, value: ExpectedValue & { kind: "regex" }, part: TextPart): boolean {
  const regex = compileRegex(value.source, value.flags);
  if (typeof regex === "string") return false;
  const looksPastEdge = LOOKS_PAST_EDGE[part].test(value.source);
  const matcher = regex.matcher(text);
  while (matcher.find()) {
    const atCut = part === "head" ? matcher.end() === text.length : matcher.start() === 0;
    if (!atCut || !looksPastEdge) return true;
  }
  return false;
}

/** Something was found in what was read: `contains`/`matches` hold, `!contains`/`!matches` fail. */
function settledByFinding(found: boolean, op: ComparisonOp): boolean | undefined {
  if (!found) return undefined;
  return op === "contains" || op === "matches";
}

function settledText(text: string, op: ComparisonOp, expected: ExpectedValue, part: TextPart) {
  if (expected.kind === "string" && (op === "contains" || op === "!contains")) {
    return settledByFinding(text.includes(expected.value), op);
  }
  if (expected.kind === "regex") return settledByFinding(foundClearOfCut(text, expected, part), op);
  return undefined;
}

function settledList(items: string[], op: ComparisonOp, expected: ExpectedValue): boolean | undefined {
  if (expected.kind === "number") return settledFromFloor(items.length, op, expected.value);
  if (expected.kind === "string") return settledByFinding(items.includes(expected.value), op);
  if (expected.kind !== "regex") return undefined;
  // Items read are whole; only some are missing, so a match is a match.
  const regex = compileRegex(expected.source, expected.flags);
  return settledByFinding(typeof regex !== "string" && items.some((item) => regex.test(item)), op);
}

/**
 * The outcome of `seen <op> expected` when `seen` is only part of the value and what was read
 * settles it whatever the rest holds; `undefined` when only the unread part could settle it (the
 * caller then reports an error, never a guess). Text found in what was read is there, so
 * `contains` holds and `!contains` fails; text not found may be in the rest, so neither can be
 * said. Equality of text cut short is never known. A count, size or duration measured on what was
 * read is a floor of the whole.
 */
export function settleOnPart(
  seen: Seen,
  op: ComparisonOp,
  expected: ExpectedValue,
  part: Part,
): boolean | undefined {
  switch (seen.kind) {
    case "duration":
    case "size":
    case "number":
      return expected.kind === "number" ? settledFromFloor(seen.value, op, expected.value) : undefined;
    case "string":
      return part === "at-least" ? undefined : settledText(seen.value, op, expected, part);
    case "list":
      return settledList(seen.value, op, expected);
    case "boolean":
      return undefined;
  }
}
