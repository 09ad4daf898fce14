import fc from "fast-check";
import markdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { readInertDelimitersAsText } from "./inert-delimiters.js";

const reference = markdownIt("default", { html: true });
const quick = markdownIt("default", { html: true });
readInertDelimitersAsText(quick);

describe("readInertDelimitersAsText", () => {
  it("gives the tokens markdown-it gives, on any inline text", () => {
    const unit = fc.constantFrom(
      "_",
      "*",
      "__",
      "**",
      " ",
      "a",
      "b",
      ".",
      "(",
      ")",
      "[",
      "]",
      "`",
      "~~",
      "\n",
      "\\",
      "<b>",
      "&amp;",
      "é",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (src) => {
        expect(quick.parse(src, {})).toEqual(reference.parse(src, {}));
      }),
      { numRuns: 5000 },
    );
  });

  it("reads sign-off blanks and snake_case as text, and emphasis as emphasis", () => {
    const inline = (src: string) => quick.parseInline(src, {})[0]?.children ?? [];
    expect(inline("Date: ____ Lead: ____").map((t) => [t.type, t.content])).toEqual([
      ["text", "Date: ____ Lead: ____"],
    ]);
    expect(inline("http_requests_total").map((t) => t.type)).toEqual(["text"]);
    expect(inline("a **b** ____ _c_").map((t) => t.type)).toEqual([
      "text",
      "strong_open",
      "text",
      "strong_close",
      "text",
      "em_open",
      "text",
      "em_close",
    ]);
    expect(inline("a **b** ____ _c_")).toEqual(reference.parseInline("a **b** ____ _c_", {})[0]?.children);
  });
});
