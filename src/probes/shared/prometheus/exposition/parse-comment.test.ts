import { describe, expect, it } from "vitest";
import { parseCommentLine } from "./parse-comment.js";
import type { ExpositionFormat } from "./types.js";

function failure(line: string, format: ExpositionFormat): string {
  try {
    parseCommentLine(line, format);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`parsed: ${line}`);
}

describe("comment line: text format", () => {
  it("reads # HELP with \\\\ and \\n escapes; an empty help is fine", () => {
    expect(parseCommentLine("# HELP a Path C:\\\\x,\\nnext line", "text")).toEqual({
      kind: "help",
      name: "a",
      help: "Path C:\\x,\nnext line",
    });
    expect(parseCommentLine("#\tHELP  a", "text")).toEqual({ kind: "help", name: "a", help: "" });
    expect(failure('# HELP a say \\"hi\\"', "text")).toBe(
      'invalid escape "\\"" in help text (only \\\\ and \\n)',
    );
  });

  it("reads # TYPE with the five text-format types", () => {
    for (const type of ["counter", "gauge", "histogram", "summary", "untyped"]) {
      expect(parseCommentLine(`# TYPE a_b ${type}`, "text")).toEqual({ kind: "type", name: "a_b", type });
    }
    expect(failure("# TYPE a info", "text")).toBe(
      'unknown metric type "info" (types: counter, gauge, histogram, summary, untyped)',
    );
    expect(failure("# TYPE 1a gauge", "text")).toBe('expected a metric name, found "1a gauge"');
  });

  it("takes any other # line as a comment", () => {
    for (const line of ["# just a note", "#no space", "# EOF", "# HELPER x", "#"]) {
      expect(parseCommentLine(line, "text")).toEqual({ kind: "comment" });
    }
  });
});

describe("comment line: OpenMetrics", () => {
  it('reads # HELP (also \\" escapes), # TYPE with its eight types, # UNIT and # EOF', () => {
    expect(parseCommentLine('# HELP a say \\"hi\\"', "openmetrics")).toEqual({
      kind: "help",
      name: "a",
      help: 'say "hi"',
    });
    expect(parseCommentLine("# TYPE a stateset", "openmetrics")).toEqual({
      kind: "type",
      name: "a",
      type: "stateset",
    });
    expect(parseCommentLine("# UNIT a_seconds seconds", "openmetrics")).toEqual({
      kind: "unit",
      name: "a_seconds",
      unit: "seconds",
    });
    expect(parseCommentLine("# EOF", "openmetrics")).toEqual({ kind: "eof" });
  });

  it.each<[string, string]>([
    ["# a note", 'unexpected comment "# a note": OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF'],
    [
      "#  TYPE a gauge",
      'unexpected comment "#  TYPE a gauge": OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF',
    ],
    [
      "# TYPE a untyped",
      'unknown metric type "untyped" (types: counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown)',
    ],
    [
      "# TYPE a gauge ",
      'unknown metric type "gauge " (types: counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown)',
    ],
    ["# EOF ", 'unexpected comment "# EOF ": OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF'],
  ])("rejects %j", (line, message) => {
    expect(failure(line, "openmetrics")).toBe(message);
  });
});
