import { describe, expect, test } from "vitest";
import type { Token } from "./token.js";
import { tokenize } from "./tokenize.js";

function kinds(source: string): string[] {
  const tokens = tokenize(source);
  if ("problem" in tokens) throw new Error(tokens.problem);
  return tokens.map((token: Token) => `${token.kind}:${source.slice(token.start, token.end)}`);
}

describe("tokenize", () => {
  test("splits a comparison with a unit attached to its number", () => {
    expect(kinds("latency<300ms")).toEqual(["ident:latency", "op:<", "number:300", "ident:ms", "end:"]);
  });

  test("identifiers keep dashes, so header names stay whole", () => {
    expect(kinds("header.content-type matches /json/i")).toEqual([
      "ident:header",
      "punct:.",
      "ident:content-type",
      "ident:matches",
      "regex:/json/i",
      "end:",
    ]);
  });

  test("word operators with ! are single tokens; unicode operators are ops", () => {
    expect(kinds("body !contains 'x'")).toEqual(["ident:body", "op:!contains", "string:'x'", "end:"]);
    expect(kinds("a ≤ -1.5e3 %")).toEqual(["ident:a", "op:≤", "number:-1.5e3", "punct:%", "end:"]);
  });

  test("a call's arguments are raw text split at top-level commas only", () => {
    const tokens = tokenize("value(x{route=\"/a,b\", q='('}, 0.95) >= 1");
    if ("problem" in tokens) throw new Error(tokens.problem);
    const args = tokens[1];
    expect(args?.kind).toBe("args");
    expect(args?.kind === "args" ? args.args : []).toEqual([
      { text: "x{route=\"/a,b\", q='('}", start: 6 },
      { text: "0.95", start: 30 },
    ]);
  });

  test("string escapes are decoded", () => {
    const tokens = tokenize('"a\\"b\\\\c\\nd"');
    if ("problem" in tokens) throw new Error(tokens.problem);
    expect(tokens[0]).toEqual({ kind: "string", value: 'a"b\\c\nd', start: 0, end: 12 });
  });

  test("a regex keeps \\/ in its source", () => {
    const tokens = tokenize("/a\\/b/ms");
    if ("problem" in tokens) throw new Error(tokens.problem);
    expect(tokens[0]).toEqual({
      kind: "regex",
      source: "a\\/b",
      flags: "ms",
      flagsStart: 6,
      start: 0,
      end: 8,
    });
  });

  test.each([
    ['x == "abc', 5, 'unclosed string: add a closing "'],
    ["x == 'a\\qb'", 7, 'unknown escape "\\q" in string (escapes: \\" \\\' \\\\ \\n \\t \\r)'],
    ["x matches /abc", 10, "unclosed regex: add a closing /"],
    ["x matches //", 10, "empty regex: write a pattern between the slashes, e.g. /ok/"],
    ["x = 1", 2, '"=" is not an operator: write == to compare'],
    ["exit_code =< 0", 10, '"=<" is not an operator: did you mean <=?'],
    ["x => 1", 2, '"=>" is not an operator: did you mean >=?'],
    ["x =! 1", 2, '"=!" is not an operator: did you mean !=?'],
    [
      "x == 1 && y == 2",
      7,
      '"&&" cannot join comparisons: an expectation is one comparison (<observable> <op> <value>); write several as separate list entries, all of which must hold',
    ],
    ["x ! 1", 2, '"!" must be followed by =, contains, matches or exists'],
    ["x == 1 & 2", 7, 'unexpected character "&"'],
    ["f (x) == 1", 2, 'unexpected "(": write a call as name(arg) with no space before "("'],
    ["f(x == 1", 1, 'unclosed "(": add a closing )'],
    ["f(x}) == 1", 3, 'unexpected "}" in call arguments'],
    ["f(a, ) == 1", 4, "empty argument: write a value between the commas and parentheses"],
    ["f() == 1", 1, "empty parentheses: write the name alone, or name(arg)"],
    ["x == 1e999", 5, "number 1e999 is too large"],
  ])("%s is a problem at offset %i", (source, offset, problem) => {
    expect(tokenize(source)).toEqual({ problem, offset });
  });
});
