import fc from "fast-check";
import markdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { markLines, markLinesQuickly } from "./line-marks.js";

// markdown-it's own block state, as its constructor marks the lines.
const reference = markdownIt();

function referenceMarks(src: string) {
  const { bMarks, eMarks, tShift, sCount, bsCount, lineMax } = new reference.block.State(
    src,
    reference,
    {},
    [],
  );
  return { bMarks, eMarks, tShift, sCount, bsCount, lineMax };
}

describe("markLines", () => {
  it("marks the lines markdown-it's block state marks, on any text", () => {
    const unit = fc.constantFrom(" ", "\t", "\n", "a", ">", "-", "\r", "\u00a0", "\u3000");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (src) => {
        expect(markLines(src)).toEqual(referenceMarks(src));
      }),
      { numRuns: 5000 },
    );
  });

  it("leaves out a last line of blanks with no line end, as markdown-it does", () => {
    expect(markLines("a\n  ").lineMax).toBe(1);
    expect(markLines("a\n  ")).toEqual(referenceMarks("a\n  "));
  });
});

describe("markLinesQuickly", () => {
  it("gives the tokens markdown-it gives, on any document", () => {
    const quick = markdownIt();
    markLinesQuickly(quick);
    const unit = fc.constantFrom(" ", "\t", "\n", "a", "> ", "- ", "1. ", "[ ] ", "|", "---", "```", "    ");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (src) => {
        expect(quick.parse(src, {})).toEqual(reference.parse(src, {}));
      }),
      { numRuns: 2000 },
    );
  });
});
