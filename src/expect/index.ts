/**
 * The expectation language: `<observable> <op> <value>`, parsed (never eval'ed), checked against
 * what a probe declares, and evaluated against its observations. See README.md for the language.
 */

export { canonicalExpectation, canonicalObservable, canonicalValue } from "./canonical.js";
export { checkExpectation } from "./check.js";
export { evaluateExpectation } from "./evaluate.js";
export { formatResult } from "./format.js";
export { parseExpectation, parseObservableRef } from "./parse.js";
export type {
  ComparisonExpectation,
  ComparisonOp,
  Expectation,
  ExpectationResult,
  ExpectedValue,
  ExpectParseError,
  Op,
  ParseExpectationResult,
  PresenceExpectation,
  PresenceOp,
} from "./types.js";
