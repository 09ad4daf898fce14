import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { lookupUnit, toBaseUnits } from "../core/units.js";
import { canonicalExpectation, canonicalObservable } from "./canonical.js";
import { parseExpectation } from "./parse.js";
import type { ComparisonOp, ExpectedValue, Op } from "./types.js";

/** Pieces of the language, so random input reaches deep into the parser, not just its first token. */
const fragment = fc.constantFrom(
  "status",
  "json",
  ".",
  "[",
  "]",
  "0",
  "-1.5e3",
  '"a b"',
  "'x\\'y'",
  '"\\q"',
  "/a+/i",
  "/(/",
  "//",
  "(",
  ")",
  ",",
  "{",
  "}",
  "==",
  "!=",
  "<",
  "<=",
  "≤",
  "≥",
  "=",
  "!",
  "!contains",
  "contains",
  "matches",
  "exists",
  "!exists",
  "true",
  "null",
  "ms",
  "%",
  "KiB",
  "mss",
  " ",
  "\t",
  "\n",
  "\\",
  "😀",
  "µs",
  "q(",
  'x{a="1,2"}',
);
const soup = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(""));

describe("parseExpectation never throws", () => {
  test.each([
    ["any string", fc.string({ unit: "grapheme", maxLength: 60 })],
    ["any UTF-16", fc.string({ unit: "binary", maxLength: 60 })],
    ["language fragments", soup],
  ])("on %s: it returns ok:false with a caret inside the line", (_name, source) => {
    fc.assert(
      fc.property(source, (text) => {
        const result = parseExpectation(text);
        if (result.ok) return;
        const chars = Array.from(text).length;
        expect(result.error.column).toBeGreaterThanOrEqual(1);
        expect(result.error.column).toBeLessThanOrEqual(chars + 1);
        const caretLine = result.error.pretty.split("\n").at(-1) ?? "";
        expect(caretLine).toBe(`${" ".repeat(result.error.column - 1)}^ ${result.error.message}`);
      }),
      { numRuns: 400 },
    );
  });

  test("whatever parses has a canonical text that parses to the same expectation", () => {
    fc.assert(
      fc.property(soup, (text) => {
        const first = parseExpectation(text);
        if (!first.ok) return;
        const again = parseExpectation(first.expectation.text);
        expect(again.ok && { ...again.expectation, source: text }).toEqual(first.expectation);
      }),
      { numRuns: 400 },
    );
  });
});

const ident = fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/), fc.constantFrom("état", "p95", "x-y"));
const finiteNumber = fc
  .double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true })
  .map((n) => (n === 0 ? 0 : n));
const rawArg = fc.constantFrom('x{route="/a,b"}', "session:*", "a b", "f(1, 2)", "[1,2]", "'it''s'");
const observable = fc.record({
  name: ident,
  args: fc.array(fc.oneof(ident, rawArg, fc.nat(), finiteNumber), { maxLength: 3 }),
  path: fc.array(fc.oneof(ident, fc.nat(), fc.string({ unit: "grapheme", maxLength: 6 })), { maxLength: 4 }),
});

const unitSymbol = fc.constantFrom(null, "us", "ms", "s", "m", "h", "d", "B", "KB", "GB", "KiB", "TiB", "%");
const numberValue = fc.tuple(finiteNumber, unitSymbol).map(([literal, symbol]): ExpectedValue => {
  const unit = symbol === null ? undefined : lookupUnit(symbol);
  const value = toBaseUnits(literal, unit);
  return { kind: "number", value, literal, unit: symbol, dimension: unit?.dimension ?? "none" };
});
const stringValue = fc
  .string({ unit: "grapheme", maxLength: 12 })
  .map((value): ExpectedValue => ({ kind: "string", value }));
const regexAtom = fc.constantFrom("a", "ok", "\\d", "[a-z]", "(x|y)", "\\/", "\\.", " ", "é", "^", "$");
const regexValue = fc
  .tuple(
    fc.array(fc.tuple(regexAtom, fc.constantFrom("", "+", "*", "?", "{1,3}")), {
      minLength: 1,
      maxLength: 5,
    }),
    fc.subarray(["i", "m", "s"]),
  )
  .map(
    ([atoms, flags]): ExpectedValue => ({
      kind: "regex",
      source: atoms.map(([a, q]) => (a === "^" || a === "$" ? a : a + q)).join(""),
      flags: flags.join(""),
    }),
  );
const booleanValue = fc.boolean().map((value): ExpectedValue => ({ kind: "boolean", value }));

const opAndValue: fc.Arbitrary<{ op: Op; expected: ExpectedValue | null }> = fc.oneof(
  fc.record({ op: fc.constantFrom<ComparisonOp>("<", "<=", ">", ">="), expected: numberValue }),
  fc.record({
    op: fc.constantFrom<ComparisonOp>("==", "!="),
    expected: fc.oneof(numberValue, stringValue, booleanValue),
  }),
  fc.record({ op: fc.constantFrom<ComparisonOp>("contains", "!contains"), expected: stringValue }),
  fc.record({ op: fc.constantFrom<ComparisonOp>("matches", "!matches"), expected: regexValue }),
  fc.record({ op: fc.constantFrom<Op>("exists", "!exists"), expected: fc.constant(null) }),
);

describe("canonical text round-trips", () => {
  test("parse(canonical(e)) gives back e for generated valid expectations", () => {
    fc.assert(
      fc.property(observable, opAndValue, (ref, { op, expected }) => {
        const text = canonicalExpectation({ observable: ref, op, expected });
        const result = parseExpectation(text);
        if (!result.ok) throw new Error(result.error.pretty);
        expect(result.expectation).toEqual({
          source: text,
          text,
          observable: { text: canonicalObservable(ref), ...ref },
          op,
          expected,
        });
      }),
      { numRuns: 1000 },
    );
  });
});
