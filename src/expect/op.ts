import { canonicalValue, quoteString } from "./canonical.js";
import type { TokenCursor } from "./cursor.js";
import { problemAt, type SyntaxProblem, type Token } from "./token.js";
import type { ComparisonOp, ExpectedValue, Op, PresenceOp } from "./types.js";

const OP_HELP = "== != < <= > >= contains !contains matches !matches exists !exists";

const OPS = new Map<string, Op>([
  ["==", "=="],
  ["!=", "!="],
  ["<", "<"],
  ["<=", "<="],
  ["≤", "<="],
  [">", ">"],
  [">=", ">="],
  ["≥", ">="],
  ["contains", "contains"],
  ["!contains", "!contains"],
  ["matches", "matches"],
  ["!matches", "!matches"],
  ["exists", "exists"],
  ["!exists", "!exists"],
]);

export function isPresenceOp(op: Op): op is PresenceOp {
  return op === "exists" || op === "!exists";
}

export function isOrderingOp(op: Op): op is "<" | "<=" | ">" | ">=" {
  return op === "<" || op === "<=" || op === ">" || op === ">=";
}

/** Reads the operator token; word operators are identifiers that only mean an operator here. */
export function parseOp(cursor: TokenCursor, observable: string): Op | SyntaxProblem {
  const token: Token = cursor.next();
  const written = token.kind === "op" || token.kind === "ident" ? token.text : undefined;
  const op = written === undefined ? undefined : OPS.get(written);
  if (op) return op;
  if (token.kind === "end")
    return problemAt(token.start, `expected an operator after ${observable} (${OP_HELP})`);
  return problemAt(token.start, `expected an operator (${OP_HELP}), found ${cursor.describe(token)}`);
}

/**
 * Which values an operator takes, whatever the observable: ordering needs a number, `contains` a
 * string, `matches` a regex. Checked at parse time so the mistake points at the value.
 */
export function opValueProblem(op: ComparisonOp, value: ExpectedValue): string | null {
  if (isOrderingOp(op) && value.kind !== "number") {
    return `${op} compares numbers: text and booleans take ==, !=, contains or matches`;
  }
  if ((op === "contains" || op === "!contains") && value.kind !== "string") {
    if (value.kind === "regex") return `use ${op.replace("contains", "matches")} with a /regex/`;
    return `${op} takes quoted text, e.g. ${op} ${quoteString(canonicalValue(value))}`;
  }
  if ((op === "matches" || op === "!matches") && value.kind !== "regex") {
    const example = value.kind === "string" ? `/${value.value.replace(/\//g, "\\/")}/` : "/ok/";
    return `${op} takes a /regex/, e.g. ${op} ${example}; use contains for plain text`;
  }
  if ((op === "==" || op === "!=") && value.kind === "regex") {
    return `use ${op === "==" ? "matches" : "!matches"} to test a /regex/`;
  }
  return null;
}
