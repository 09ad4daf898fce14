import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapseWhitespace } from "./inline-text.js";

describe("collapseWhitespace", () => {
  it("turns every run of whitespace into one space and trims, on any text", () => {
    const unit = fc.constantFrom("a", "b", " ", "\t", "\n", "\r", "\u00a0", "\u2003", "\ufeff", ".");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, " ").trim());
      }),
      { numRuns: 3000 },
    );
    expect(collapseWhitespace("  a  b\tc ")).toBe("a b c");
  });
});
