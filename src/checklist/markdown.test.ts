import fc from "fast-check";
import markdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { createMarkdownParser, isPlainInline } from "./markdown.js";

// markdown-it as it comes, with the options gonogo uses: the reference for the plain-text shortcut.
const reference = markdownIt("default", { html: true, linkify: false, typographer: false });

/** Each inline's children as markdown-it's own inline parser makes them, type and content only. */
function childrenOf(parse: (text: string) => ReturnType<typeof reference.parse>, text: string) {
  return parse(text)
    .filter((token) => token.type === "inline")
    .map((token) => (token.children ?? []).map((child) => [child.type, child.content, child.level]));
}

// Every character an inline rule reacts to, blanks and line breaks, and a few letters and digits.
const alphabet = [..."\\`*_~[]!&<>()#:;.-=+@{}^$% \t\nab1"];

describe("the plain-text shortcut", () => {
  it("reads plain text, and a `<` followed by a blank, as text", () => {
    expect(isPlainInline("item 12 p95 < 35ms")).toBe(true);
    expect(isPlainInline("Rollback tested: yes!")).toBe(true);
    for (const text of [
      "a *b*",
      "a `b`",
      "a [b](c)",
      "a <b>",
      "a <x@y.z>",
      "a &amp;",
      "a\\*",
      "a~b~",
      "a\nb",
      "a <",
    ])
      expect(isPlainInline(text), text).toBe(text === "a <");
  });

  it("gives the tokens markdown-it gives, on any text", () => {
    const parser = createMarkdownParser();
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 40 }), (text) => {
        const document = `- a ${text.replace(/\n/g, " ")}\n\n${text}\n`;
        expect(childrenOf((t) => parser.parse(t, {}), document)).toEqual(
          childrenOf((t) => reference.parse(t, {}), document),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
