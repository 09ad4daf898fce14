import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCobertura } from "./parse-cobertura.js";

const fixture = (name: string) => readFile(path.join(import.meta.dirname, "fixtures", name), "utf8");

describe("parseCobertura", () => {
  it("sums <line> elements when the root has no totals, counting a line of two classes once", async () => {
    const text = (await fixture("cobertura-maven.xml")).replace(
      / (lines|branches)-(valid|covered)="\d+"/g,
      "",
    );
    const report = parseCobertura(text);
    expect(report.totals).toEqual({
      lines: { covered: 7, found: 10 },
      branches: { covered: 1, found: 2 },
      functions: { covered: 4, found: 6 },
    });
  });

  it("rejects XML that is not Cobertura", () => {
    expect(() => parseCobertura("<report/>")).toThrow("the root element is <report>, not <coverage>");
    expect(() =>
      parseCobertura(
        '<coverage><packages><package><classes><class filename="a.py"><lines><line number="1"/>',
      ),
    ).toThrow('<line number="1" hits="undefined"> is not two numbers');
  });
});
