import fc from "fast-check";
import markdownIt, { type StateCore } from "markdown-it";
import { describe, expect, it } from "vitest";
import { normaliseLineEndings } from "./line-endings.js";

// markdown-it's own rule, the first of its core chain.
const reference = markdownIt();
const [normalize] = reference.core.ruler.getRules("");

function normalised(rule: (state: StateCore) => void, src: string): string {
  const state = new reference.core.State(src, reference, {});
  rule(state);
  return state.src;
}

describe("normaliseLineEndings", () => {
  it("leaves the source markdown-it's normalize leaves, on any text", () => {
    if (normalize === undefined) throw new Error("markdown-it has no core rules");
    const unit = fc.constantFrom("\r", "\n", "\r\n", "\0", "a", " ", "\u2028", "\uFFFD");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (src) => {
        expect(normalised(normaliseLineEndings, src)).toBe(normalised(normalize, src));
      }),
      { numRuns: 3000 },
    );
  });
});
