import { describe, expect, it } from "vitest";
import { parseSampleLine } from "./parse-sample.js";
import type { ExpositionFormat } from "./types.js";

const text = (line: string) => parseSampleLine(line, "text");
const om = (line: string) => parseSampleLine(line, "openmetrics");

function failure(line: string, format: ExpositionFormat = "text"): string {
  try {
    parseSampleLine(line, format);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`parsed: ${line}`);
}

describe("sample line: metric name", () => {
  it("takes letters, digits, _ and :, not starting with a digit", () => {
    expect(text("job:http_requests:rate5m 3").name).toBe("job:http_requests:rate5m");
    expect(text("_x 1").name).toBe("_x");
    expect(failure("5xx 1")).toBe('expected a metric name, found "5xx 1"');
    expect(failure("<!DOCTYPE html>")).toBe('expected a metric name, found "<!DOCTYPE html>"');
  });

  it("needs a space between the name and the value", () => {
    expect(failure("up-1")).toBe('expected a space before the value, found "-1"');
  });
});

describe("sample line: labels", () => {
  it("reads a label set; blanks around tokens and a trailing comma are fine in the text format", () => {
    expect(text('a{ route = "/a" , code="200", } 1').labels).toEqual({ route: "/a", code: "200" });
    expect(text("a{} 1").labels).toEqual({});
    expect(text('a {b="x"}1').labels).toEqual({ b: "x" });
  });

  it('unescapes \\\\, \\" and \\n in values and keeps everything else, commas and braces included', () => {
    expect(text('a{path="C:\\\\dir",msg="say \\"hi\\"\\nbye",odd="{},="} 1').labels).toEqual({
      path: "C:\\dir",
      msg: 'say "hi"\nbye',
      odd: "{},=",
    });
    expect(text('a{empty=""} 1').labels).toEqual({ empty: "" });
  });

  it.each<[string, string]>([
    ['a{b="x\\ty"} 1', 'invalid escape "\\t" (only \\\\, \\" and \\n)'],
    ['a{b="x} 1', "the value of label b has no closing quote"],
    ["a{b=x} 1", 'expected a quoted value for label b, found "x} 1"'],
    ['a{b="1",b="2"} 1', 'label "b" appears twice'],
    ['a{__name__="b"} 1', 'the label name "__name__" is reserved'],
    ["a{,} 1", 'expected a label name, found ",} 1"'],
    ['a{1b="x"} 1', 'expected a label name, found "1b=\\"x\\"} 1"'],
    ['a{b="x" c="y"} 1', 'expected "," or "}", found "c=\\"y\\"} 1"'],
  ])("rejects %s", (line, message) => {
    expect(failure(line)).toBe(message);
  });
});

describe("sample line: value and timestamp", () => {
  it("reads floats, NaN and ±Inf", () => {
    expect(text("a 1.5e3").value).toBe(1500);
    expect(text("a NaN").value).toBeNaN();
    expect(text('a_bucket{le="+Inf"} +Inf').value).toBe(Number.POSITIVE_INFINITY);
    expect(text("a -Inf").value).toBe(Number.NEGATIVE_INFINITY);
  });

  it("reads an optional timestamp in milliseconds, tabs and trailing blanks allowed", () => {
    expect(text("a\t1\t1395066363000 ")).toEqual({
      name: "a",
      labels: {},
      value: 1,
      timestampMs: 1395066363000,
    });
    expect(text("  a 1")).toEqual({ name: "a", labels: {}, value: 1 });
  });

  it.each<[string, string]>([
    ["a", "expected a space before the value, found end of line"],
    ["a one", 'expected a number as value, found "one"'],
    ["a 1 1.5", 'expected a timestamp (integer milliseconds), found "1.5"'],
    ["a 1 2 3", 'unexpected "3" after the timestamp'],
    ["a 1\r", 'expected a number as value, found "1\\r"'],
  ])("rejects %j", (line, message) => {
    expect(failure(line)).toBe(message);
  });
});

describe("sample line: OpenMetrics", () => {
  it("reads timestamps in seconds", () => {
    expect(om("a_total 1 1520879607.789").timestampMs).toBeCloseTo(1520879607789, 3);
  });

  it("checks and drops exemplars", () => {
    expect(om('a_bucket{le="0.5"} 2 # {trace_id="KOO5S4vxi0o"} 0.67')).toEqual({
      name: "a_bucket",
      labels: { le: "0.5" },
      value: 2,
      exemplar: true,
    });
    expect(om('a_total 3 1520879607 # {id="x"} 1 1520879607.5').timestampMs).toBe(1520879607000);
    expect(failure('a_total 3 # {id="x"}', "openmetrics")).toBe(
      "expected a space before the exemplar value, found end of line",
    );
  });

  it.each<[string, string]>([
    ["a  1", 'expected a value, found " 1"'],
    [" a 1", 'expected a metric name, found " a 1"'],
    ['a{ b="x"} 1', 'expected a label name, found " b=\\"x\\"} 1"'],
    ['a{b="x",} 1', 'expected a label name, found "} 1"'],
    ["a\t1", 'expected a space before the value, found "\\t1"'],
    ["a 1 ", "expected a timestamp, found end of line"],
  ])("is strict about spaces: rejects %j", (line, message) => {
    expect(failure(line, "openmetrics")).toBe(message);
  });
});
