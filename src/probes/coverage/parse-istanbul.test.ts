import { describe, expect, it } from "vitest";
import { parseIstanbulFinal, parseIstanbulSummary } from "./parse-istanbul.js";

describe("Istanbul JSON", () => {
  it("says which field of a summary has the wrong shape", () => {
    expect(() => parseIstanbulSummary({ total: { lines: { total: "30", covered: 25 } } })).toThrow(
      "total.lines.total: Invalid input: expected number, received string",
    );
    expect(() => parseIstanbulSummary({ "src/a.ts": { lines: { total: 1, covered: 1 } } })).toThrow(
      'no "total" entry',
    );
  });

  it("leaves out a measure the summary's total lacks, saying so", () => {
    const report = parseIstanbulSummary({ total: { lines: { total: 4, covered: 3, pct: 75 } } });
    expect(report.totals).toEqual({ lines: { covered: 3, found: 4 } });
    expect(report.unsupported.branches).toBe('the summary\'s total has no "branches"');
  });

  it("counts a line as covered when any statement starting on it ran", () => {
    const start = (line: number) => ({ start: { line } });
    const report = parseIstanbulFinal({
      "a.ts": {
        statementMap: { 0: start(1), 1: start(1), 2: start(2) },
        s: { 0: 0, 1: 2, 2: 0 },
        f: {},
        b: {},
      },
    });
    expect(report.totals.lines).toEqual({ covered: 1, found: 2 });
    expect(report.totals.statements).toEqual({ covered: 1, found: 3 });
    expect(report.totals.functions).toEqual({ covered: 0, found: 0 });
  });
});
