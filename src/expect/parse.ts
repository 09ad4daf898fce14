/**
 * The expectation language: a tokenizer and a recursive-descent parser, never eval.
 *
 *   expectation := observable op value END
 *                | observable ("exists" | "!exists") END
 *   observable  := IDENT [ "(" arg { "," arg } ")" ] { segment }
 *   segment     := "." IDENT | "." INDEX | "[" INDEX "]" | "[" STRING "]"
 *   arg         := raw text up to the matching "," or ")"; quotes and () [] {} nest;
 *                  a numeric arg becomes a number
 *   op          := "==" | "!=" | "<" | "<=" | ">" | ">=" | "≤" | "≥"
 *                | "contains" | "!contains" | "matches" | "!matches"
 *   value       := NUMBER [ UNIT | "%" ] | STRING | REGEX | "true" | "false"
 *
 *   IDENT   := letter or "_", then letters, digits, "_" or "-"   (content-type, p95, days_left)
 *   INDEX   := digits
 *   NUMBER  := ["-"] digits [ "." digits ] [ ("e"|"E") ["+"|"-"] digits ]
 *   UNIT    := us µs ms s m h d | B KB MB GB TB KiB MiB GiB TiB   (a space before it is allowed)
 *   STRING  := "..." or '...' with escapes \" \' \\ \n \t \r
 *   REGEX   := "/" pattern "/" flags; pattern is RE2 syntax with \/ for a slash; flags from i m s
 *
 * Ordering ops take numbers, contains takes a string, matches takes a regex: a mismatch is a parse
 * error pointing at the value. Whether the value suits the observable is checkExpectation's job.
 */
import type { ObservableRef } from "../core/observation.js";
import { canonicalExpectation } from "./canonical.js";
import { TokenCursor } from "./cursor.js";
import { joinedComparisons, joinerOf } from "./joined-comparisons.js";
import { isPresenceOp, opValueProblem, parseOp } from "./op.js";
import { expectParseError } from "./parse-error.js";
import { parseObservable } from "./parse-observable.js";
import { parseValue } from "./parse-value.js";
import { problemAt, type SyntaxProblem } from "./token.js";
import { tokenize } from "./tokenize.js";
import type { Expectation, ExpectParseError, ParseExpectationResult } from "./types.js";

function failure(source: string, problem: SyntaxProblem): { ok: false; error: ExpectParseError } {
  return { ok: false, error: expectParseError(source, problem.offset, problem.problem) };
}

function expectEnd(cursor: TokenCursor, what: string): SyntaxProblem | null {
  const token = cursor.next();
  if (token.kind === "end") return null;
  const joiner = joinerOf(token);
  if (joiner) return joinedComparisons(token.start, joiner);
  return problemAt(token.start, `unexpected ${cursor.describe(token)} after ${what}`);
}

function parseTokens(cursor: TokenCursor): Expectation | SyntaxProblem {
  const observable = parseObservable(cursor);
  if ("problem" in observable) return observable;
  const op = parseOp(cursor, observable.text);
  if (typeof op === "object") return op;
  const source = cursor.source;
  if (isPresenceOp(op)) {
    const extra = expectEnd(cursor, `${op} (it takes no value)`);
    const text = canonicalExpectation({ observable, op, expected: null });
    return extra ?? { source, text, observable, op, expected: null };
  }
  const valueStart = cursor.peek().start;
  const expected = parseValue(cursor, op, observable.text);
  if ("problem" in expected) return expected;
  const mismatch = opValueProblem(op, expected);
  if (mismatch) return problemAt(valueStart, mismatch);
  const extra = expectEnd(cursor, "the value");
  const text = canonicalExpectation({ observable, op, expected });
  return extra ?? { source, text, observable, op, expected };
}

/**
 * Parses one expectation as written in gonogo.yml. Never throws: bad input is an error value with a
 * caret under the offending token.
 * `parseExpectation("p95 < 0.3s")` -> ok, expected `{ kind: "number", value: 300, unit: "s", ... }`.
 */
export function parseExpectation(source: string): ParseExpectationResult {
  const tokens = tokenize(source);
  if ("problem" in tokens) return failure(source, tokens);
  const parsed = parseTokens(new TokenCursor(source, tokens));
  if ("problem" in parsed) return failure(source, parsed);
  return { ok: true, expectation: parsed };
}

/** Parses an observable alone (`json.data[0].id`, `quantile(x, 0.95)`), e.g. for a probe's config. */
export function parseObservableRef(
  source: string,
): { ok: true; observable: ObservableRef } | { ok: false; error: ExpectParseError } {
  const tokens = tokenize(source);
  if ("problem" in tokens) return failure(source, tokens);
  const cursor = new TokenCursor(source, tokens);
  const observable = parseObservable(cursor);
  if ("problem" in observable) return failure(source, observable);
  const extra = expectEnd(cursor, observable.text);
  return extra ? failure(source, extra) : { ok: true, observable };
}
