/** One argument of a call form as written, trimmed; `start` is its offset in the source. */
export interface RawArg {
  text: string;
  start: number;
}

/** Tokens of the expectation language. `start`/`end` are UTF-16 offsets into the source. */
export type Token = { start: number; end: number } & (
  | { kind: "ident"; text: string }
  | { kind: "number"; text: string; value: number }
  | { kind: "string"; value: string }
  | { kind: "regex"; source: string; flags: string; flagsStart: number }
  | { kind: "op"; text: string }
  | { kind: "punct"; text: "." | "[" | "]" | "%" }
  | { kind: "args"; args: RawArg[] }
  | { kind: "end" }
);

/** A syntax problem at a source offset; turned into an ExpectParseError with a caret. */
export interface SyntaxProblem {
  problem: string;
  offset: number;
}

export function problemAt(offset: number, problem: string): SyntaxProblem {
  return { problem, offset };
}
