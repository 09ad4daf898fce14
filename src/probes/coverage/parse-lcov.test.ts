import { describe, expect, it } from "vitest";
import { parseLcov } from "./parse-lcov.js";

const lcov = (...lines: string[]) => `${lines.join("\n")}\n`;

describe("parseLcov", () => {
  it("merges two records of one file by their detail lines", () => {
    const report = parseLcov(
      lcov("TN:unit", "SF:a.ts", "DA:1,1", "DA:2,0", "LF:2", "LH:1", "end_of_record") +
        lcov("TN:e2e", "SF:a.ts", "DA:2,3", "DA:3,0", "LF:2", "LH:1", "end_of_record"),
    );
    expect(report.totals.lines).toEqual({ covered: 2, found: 3 });
    expect(report.files).toEqual([{ file: "a.ts", lines: { covered: 2, found: 3 } }]);
  });

  it("falls back to LF/LH, BRF/BRH and FNF/FNH for a record without detail lines", () => {
    const report = parseLcov(
      lcov("SF:b.c", "FNF:4", "FNH:1", "LF:40", "LH:30", "BRF:10", "BRH:5", "end_of_record"),
    );
    expect(report.totals).toEqual({
      lines: { covered: 30, found: 40 },
      branches: { covered: 5, found: 10 },
      functions: { covered: 1, found: 4 },
    });
  });

  it("reads lcov 2 function records and Windows line endings", () => {
    const text = [
      "SF:src\\main.rs",
      "FN:3,9,main",
      "FNDA:1,main",
      "FNL:0,12,20",
      "FNA:0,0,helper",
      "FNL:1,22",
      "FNA:1,7,parse",
      "BRDA:4,0,0,-",
      "BRDA:4,0,1,2",
      "DA:3,1",
      "end_of_record",
    ].join("\r\n");
    const report = parseLcov(text);
    expect(report.totals.functions).toEqual({ covered: 2, found: 3 });
    expect(report.totals.branches).toEqual({ covered: 1, found: 2 });
    expect(report.files[0]?.file).toBe("src\\main.rs");
  });

  it("names the line of a malformed record", () => {
    expect(() => parseLcov(lcov("SF:a.ts", "DA:x,1"))).toThrow('line 2: DA needs line,count, got "x,1"');
    expect(() => parseLcov(lcov("TN:", "DA:1,1"))).toThrow(
      "line 2: DA outside a file record (no SF: before it)",
    );
    expect(() => parseLcov(lcov("SF:a.ts", "hello world"))).toThrow(
      'line 2: not an lcov record: "hello world"',
    );
  });
});
