import { describe, expect, test } from "vitest";
import { parseExpectation, parseObservableRef } from "./parse.js";
import type { Expectation } from "./types.js";

function parsed(source: string): Expectation {
  const result = parseExpectation(source);
  if (!result.ok) throw new Error(result.error.pretty);
  return result.expectation;
}

function errorOf(source: string) {
  const result = parseExpectation(source);
  if (result.ok) throw new Error(`expected ${source} not to parse`);
  return result.error;
}

const plain = (name: string) => ({ text: name, name, path: [], args: [] });

describe("parseExpectation: observables", () => {
  test("a plain name", () => {
    expect(parsed("status == 200")).toEqual({
      source: "status == 200",
      text: "status == 200",
      observable: plain("status"),
      op: "==",
      expected: { kind: "number", value: 200, literal: 200, unit: null, dimension: "none" },
    });
  });

  test("dotted and bracket paths, with a canonical text", () => {
    expect(parsed('json.a.b[0]["k y"] exists').observable).toEqual({
      text: 'json.a.b[0]["k y"]',
      name: "json",
      path: ["a", "b", 0, "k y"],
      args: [],
    });
    expect(parsed("json .data . 0 ['id'] == 'abc'").observable).toEqual({
      text: "json.data[0].id",
      name: "json",
      path: ["data", 0, "id"],
      args: [],
    });
    expect(parsed('json["0"] exists').observable.path).toEqual(["0"]);
    expect(parsed("header.content-type matches /json/").observable.text).toBe("header.content-type");
  });

  test("call forms keep raw arguments and turn numeric ones into numbers", () => {
    expect(parsed("quantile(bargain_response_seconds, 0.950) < 300ms").observable).toEqual({
      text: "quantile(bargain_response_seconds, 0.95)",
      name: "quantile",
      path: [],
      args: ["bargain_response_seconds", 0.95],
    });
    expect(parsed('value(x{route="/a,b"}) >= 0.90').observable).toEqual({
      text: 'value(x{route="/a,b"})',
      name: "value",
      path: [],
      args: ['x{route="/a,b"}'],
    });
    expect(parsed("tables(ai) >= 15").observable.args).toEqual(["ai"]);
    expect(parsed("ttl( session:* ) <= 30m").observable.text).toBe("ttl(session:*)");
  });
});

describe("parseExpectation: operators and values", () => {
  test.each([
    ["latency < 300ms", "<", { kind: "number", value: 300, literal: 300, unit: "ms", dimension: "duration" }],
    ["p95 < 0.3s", "<", { kind: "number", value: 300, literal: 0.3, unit: "s", dimension: "duration" }],
    ["p95 ≤ 1.5 s", "<=", { kind: "number", value: 1500, literal: 1.5, unit: "s", dimension: "duration" }],
    ["hit_rate ≥ 90%", ">=", { kind: "number", value: 0.9, literal: 90, unit: "%", dimension: "none" }],
    ["loss <= 0.5%", "<=", { kind: "number", value: 0.005, literal: 0.5, unit: "%", dimension: "none" }],
    ["size < 1GB", "<", { kind: "number", value: 1e9, literal: 1, unit: "GB", dimension: "size" }],
    ["size > 2KiB", ">", { kind: "number", value: 2048, literal: 2, unit: "KiB", dimension: "size" }],
    ["delta != -1e3", "!=", { kind: "number", value: -1000, literal: -1000, unit: null, dimension: "none" }],
    ["days_left >= 14", ">=", { kind: "number", value: 14, literal: 14, unit: null, dimension: "none" }],
    ['body contains "ok"', "contains", { kind: "string", value: "ok" }],
    ["body !contains 'say \"hi\"'", "!contains", { kind: "string", value: 'say "hi"' }],
    ["body matches /a\\/b/is", "matches", { kind: "regex", source: "a\\/b", flags: "is" }],
    ["body !matches /error/", "!matches", { kind: "regex", source: "error", flags: "" }],
    ["json.ready == true", "==", { kind: "boolean", value: true }],
    ["json.ready != false", "!=", { kind: "boolean", value: false }],
  ])("%s", (source, op, expected) => {
    const expectation = parsed(source);
    expect(expectation.op).toBe(op);
    expect(expectation.expected).toEqual(expected);
  });

  test("exists and !exists take no value", () => {
    expect(parsed('json["weird key"].x exists')).toMatchObject({ op: "exists", expected: null });
    expect(parsed("header.server !exists")).toMatchObject({ op: "!exists", expected: null });
  });

  test("the canonical text normalises spacing, ≤/≥, units and quotes", () => {
    expect(parsed("p95<=0.30 s").text).toBe("p95 <= 0.3s");
    expect(parsed("x ≥ 5µs").text).toBe("x >= 5us");
    expect(parsed("body contains 'it\\'s'").text).toBe('body contains "it\'s"');
    expect(parsed('  stdout   contains "15 passing"  ').text).toBe('stdout contains "15 passing"');
  });
});

describe("parseExpectation: errors point at the bad token", () => {
  test("the example from the design: an unknown unit", () => {
    expect(errorOf("latency < 300 mss")).toEqual({
      message: 'unknown unit "mss" (units: us ms s m h d, B KB MB GB TB KiB MiB GiB TiB, %)',
      column: 15,
      pretty:
        "latency < 300 mss\n" +
        '              ^ unknown unit "mss" (units: us ms s m h d, B KB MB GB TB KiB MiB GiB TiB, %)',
    });
  });

  test.each([
    ["", 1, "empty expectation: write <observable> <op> <value>, e.g. status == 200"],
    ["   ", 4, "empty expectation: write <observable> <op> <value>, e.g. status == 200"],
    ["== 200", 1, 'expected an observable such as status, json.id or p95, found "=="'],
    [
      "latency",
      8,
      "expected an operator after latency (== != < <= > >= contains !contains matches !matches exists !exists)",
    ],
    [
      "latency 300ms",
      9,
      'expected an operator (== != < <= > >= contains !contains matches !matches exists !exists), found "300"',
    ],
    [
      "x !has 1",
      3,
      'expected an operator (== != < <= > >= contains !contains matches !matches exists !exists), found "!has"',
    ],
    ["latency <", 10, 'expected a value after <, e.g. 200, 300ms, "text" or /regex/'],
    [
      "size < 10 mb",
      11,
      'unknown unit "mb": did you mean "MB"? (units: us ms s m h d, B KB MB GB TB KiB MiB GiB TiB, %)',
    ],
    ["status == 200 OK", 15, 'unknown unit "OK" (units: us ms s m h d, B KB MB GB TB KiB MiB GiB TiB, %)'],
    ['status == 200 "x"', 15, 'unexpected "x" after the value'],
    [
      "exit_code == 0 and true",
      16,
      '"and" cannot join comparisons: an expectation is one comparison (<observable> <op> <value>); write several as separate list entries, all of which must hold',
    ],
    [
      "status == 200ms AND x == 1",
      17,
      '"AND" cannot join comparisons: an expectation is one comparison (<observable> <op> <value>); write several as separate list entries, all of which must hold',
    ],
    [
      'body contains "ok" or status == 200',
      20,
      '"or" cannot join comparisons: an expectation is one comparison (<observable> <op> <value>); write several as separate list entries, all of which must hold',
    ],
    [
      "x exists and y exists",
      10,
      '"and" cannot join comparisons: an expectation is one comparison (<observable> <op> <value>); write several as separate list entries, all of which must hold',
    ],
    ["body contains ok", 15, 'text must be quoted: write "ok"'],
    ["json.x == null", 11, 'null is not a value: write "json.x !exists" to require absence'],
    ["x exists 1", 10, 'unexpected "1" after exists (it takes no value)'],
    ['x < "a"', 5, "< compares numbers: text and booleans take ==, !=, contains or matches"],
    ["x >= true", 6, ">= compares numbers: text and booleans take ==, !=, contains or matches"],
    ["x contains 5ms", 12, 'contains takes quoted text, e.g. contains "5ms"'],
    ["x contains /a/", 12, "use matches with a /regex/"],
    ["x !contains /a/", 13, "use !matches with a /regex/"],
    ['x matches "a/b"', 11, "matches takes a /regex/, e.g. matches /a\\/b/; use contains for plain text"],
    ["x == /a/", 6, "use matches to test a /regex/"],
    ["x matches /a/gi", 14, 'unknown or repeated regex flag "g" (flags: i, m, s)'],
    ["x matches /a/ii", 15, 'unknown or repeated regex flag "i" (flags: i, m, s)'],
    [
      "x matches /(?=a)/",
      11,
      "invalid regex: error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
    ],
    ["x.1.5 == 2", 3, "write indexes in brackets, e.g. [0][1]"],
    ["x. == 2", 4, 'expected a field name after ".", found "=="'],
    ["x[-1] == 2", 3, 'expected an index or a quoted key in [ ], e.g. [0] or ["key"], found "-1"'],
    ["x[0 == 2", 5, 'expected "]", found "=="'],
    ["x == 1e400", 6, "number 1e400 is too large"],
    ["x == 1e305d", 11, "1e305d is too large"],
  ])("%j fails at column %i", (source, column, message) => {
    const error = errorOf(source);
    expect(error.message).toBe(message);
    expect(error.column).toBe(column);
    expect(error.pretty.split("\n")[1]).toBe(`${" ".repeat(column - 1)}^ ${message}`);
  });

  test("the caret counts characters, not UTF-16 units", () => {
    const error = errorOf('body contains "😀" x');
    expect(error.column).toBe(19);
    expect(error.pretty).toBe('body contains "😀" x\n                  ^ unexpected "x" after the value');
    expect(errorOf("𝑥 ≥ 5 lightyears").column).toBe(7);
  });

  test("tabs and line breaks print as spaces so the caret stays aligned", () => {
    expect(errorOf("x\t==\t1 2").pretty).toBe('x == 1 2\n       ^ unexpected "2" after the value');
    expect(errorOf("x ==\n1 2").pretty).toBe('x == 1 2\n       ^ unexpected "2" after the value');
  });
});

describe("parseObservableRef", () => {
  test("parses an observable alone", () => {
    expect(parseObservableRef("json.items[0].id")).toEqual({
      ok: true,
      observable: { text: "json.items[0].id", name: "json", path: ["items", 0, "id"], args: [] },
    });
  });

  test("rejects anything after it", () => {
    const result = parseObservableRef("json.x == 1");
    expect(result.ok ? null : result.error.message).toBe('unexpected "==" after json.x');
  });
});
