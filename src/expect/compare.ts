import type { Seen } from "./observed.js";
import { compileRegex } from "./regex.js";
import type { ComparisonOp, ExpectedValue } from "./types.js";

/** A comparison that could not be made; `evaluate` reports it as an error, never as a pass. */
export interface Incomparable {
  error: string;
}

function compareNumbers(actual: number, op: ComparisonOp, expected: number): boolean | Incomparable {
  switch (op) {
    case "==":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case "<":
      return actual < expected;
    case "<=":
      return actual <= expected;
    case ">":
      return actual > expected;
    case ">=":
      return actual >= expected;
    default:
      return { error: `${op} cannot compare numbers` };
  }
}

function compareText(actual: string, op: ComparisonOp, expected: string): boolean | Incomparable {
  switch (op) {
    case "==":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case "contains":
      return actual.includes(expected);
    case "!contains":
      return !actual.includes(expected);
    default:
      return { error: `${op} cannot compare text with text` };
  }
}

function matchAny(
  texts: string[],
  op: ComparisonOp,
  value: ExpectedValue & { kind: "regex" },
): boolean | Incomparable {
  const regex = compileRegex(value.source, value.flags);
  if (typeof regex === "string") return { error: `invalid regex /${value.source}/: ${regex}` };
  const found = texts.some((text) => regex.test(text));
  return op === "matches" ? found : !found;
}

function compareList(items: string[], op: ComparisonOp, expected: ExpectedValue): boolean | Incomparable {
  if (expected.kind === "number") return compareNumbers(items.length, op, expected.value);
  if (expected.kind === "regex") return matchAny(items, op, expected);
  if (expected.kind === "string" && op === "contains") return items.includes(expected.value);
  if (expected.kind === "string" && op === "!contains") return !items.includes(expected.value);
  return { error: `a list cannot be compared with ${op} ${expected.kind}` };
}

/**
 * Applies the operator once the kinds are known to fit (see kindProblem): numbers in base units,
 * lists by length or membership, text exactly or by substring, regexes with RE2.
 */
export function compareSeen(seen: Seen, op: ComparisonOp, expected: ExpectedValue): boolean | Incomparable {
  switch (seen.kind) {
    case "duration":
    case "size":
    case "number":
      if (expected.kind === "number") return compareNumbers(seen.value, op, expected.value);
      break;
    case "list":
      return compareList(seen.value, op, expected);
    case "string":
      if (expected.kind === "string") return compareText(seen.value, op, expected.value);
      if (expected.kind === "regex") return matchAny([seen.value], op, expected);
      break;
    case "boolean":
      if (expected.kind === "boolean" && (op === "==" || op === "!=")) {
        return op === "==" ? seen.value === expected.value : seen.value !== expected.value;
      }
      break;
  }
  return { error: `cannot compare a ${seen.kind} with ${op} ${expected.kind}` };
}
