import { describe, expect, it } from "vitest";
import { parseJacoco } from "./parse-jacoco.js";

describe("parseJacoco", () => {
  it("leaves out measures without a report-level counter (a report with no classes)", () => {
    const report = parseJacoco('<report name="empty"><sessioninfo id="x" start="1" dump="2"/></report>');
    expect(report.totals).toEqual({});
    expect(report.files).toEqual([]);
  });

  it("rejects counters that are not numbers", () => {
    expect(() => parseJacoco('<report><counter type="LINE" missed="a" covered="1"/></report>')).toThrow(
      '<counter type="LINE" missed="a" covered="1"> is not two numbers',
    );
  });
});
