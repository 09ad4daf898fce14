import type { ObservableRef } from "../core/observation.js";
import type { Dimension } from "../core/units.js";

/** Operators that compare the observed value with a written one. `≤`/`≥` are parsed as `<=`/`>=`. */
export type ComparisonOp =
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "contains"
  | "!contains"
  | "matches"
  | "!matches";

/** Operators that ask only whether the observable has a value. */
export type PresenceOp = "exists" | "!exists";

export type Op = ComparisonOp | PresenceOp;

/**
 * A value written on the right of an operator.
 * Numbers keep what was written (`literal`, `unit`) for display and `value` in the base unit
 * (milliseconds, bytes, or a plain ratio: `90%` is 0.9) for comparison.
 */
export type ExpectedValue =
  | { kind: "number"; value: number; literal: number; unit: string | null; dimension: Dimension }
  | { kind: "string"; value: string }
  | { kind: "regex"; source: string; flags: string }
  | { kind: "boolean"; value: boolean };

interface ExpectationBase {
  /** What the user wrote. */
  source: string;
  /** Canonical spelling: stable across spacing and `≤`/`<=` variants, and parses back to the same thing. */
  text: string;
  observable: ObservableRef;
}

export interface PresenceExpectation extends ExpectationBase {
  op: PresenceOp;
  expected: null;
}

export interface ComparisonExpectation extends ExpectationBase {
  op: ComparisonOp;
  expected: ExpectedValue;
}

export type Expectation = PresenceExpectation | ComparisonExpectation;

export interface ExpectParseError {
  message: string;
  /** 1-based, counted in characters (code points) of the source. */
  column: number;
  /** The source with a caret under the offending token and the message beside it. */
  pretty: string;
}

export type ParseExpectationResult =
  | { ok: true; expectation: Expectation }
  | { ok: false; error: ExpectParseError };

/** The outcome of one expectation, as stored in evidence and reports. `ok` is false whenever `error` is set. */
export interface ExpectationResult {
  expr: string;
  ok: boolean;
  /** A short rendering of what was seen: `412ms`, `"text/html"`, `3 items: a, b, c`, `missing`. */
  actual: string;
  error?: string;
}
