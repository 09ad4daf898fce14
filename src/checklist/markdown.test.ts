import fc from "fast-check";
import markdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { markdownDocument } from "../../test/support/markdown-gen.js";
import { createMarkdownParser, isPlainInline, parseInBlocks } from "./markdown.js";

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

/** Every token as markdown-it prints it, children included: what two parses must agree on. */
function dump(tokens: ReturnType<typeof reference.parse>): string {
  return JSON.stringify(tokens);
}

describe("parseInBlocks", () => {
  const parser = createMarkdownParser();
  const blocksOf = (text: string) => {
    const blocks: string[] = [];
    const all: ReturnType<typeof reference.parse> = [];
    parseInBlocks(parser, text, {}, (tokens) => {
      blocks.push(tokens.map((t) => t.type).join(" "));
      all.push(...tokens);
    });
    return { blocks, all };
  };

  it("hands out each top-level block on its own", () => {
    const { blocks } = blocksOf("# A\n\n- [ ] one\n- [x] two\n\npara\n\n| a | b |\n|---|---|\n| c | d |\n");
    expect(blocks).toEqual([
      "heading_open inline heading_close",
      "bullet_list_open list_item_open paragraph_open inline paragraph_close list_item_close list_item_open paragraph_open inline paragraph_close list_item_close bullet_list_close",
      "paragraph_open inline paragraph_close",
      "table_open thead_open tr_open th_open inline th_close th_open inline th_close tr_close thead_close tbody_open tr_open td_open inline td_close td_open inline td_close tr_close tbody_close table_close",
    ]);
  });

  it("reads a link whose reference is defined further down, still a block at a time", () => {
    const text = "# Runbooks\n\n- [ ] see [the runbook]\n\n[the runbook]: https://example.com\n";
    const { blocks, all } = blocksOf(text);
    expect(blocks).toEqual([
      "heading_open inline heading_close",
      "bullet_list_open list_item_open paragraph_open inline paragraph_close list_item_close bullet_list_close",
    ]);
    expect(dump(all)).toEqual(dump(parser.parse(text, {})));
    expect(all.some((t) => t.children?.some((c) => c.type === "link_open"))).toBe(true);
  });

  it("gives the tokens md.parse gives when definitions come anywhere, in any container", () => {
    const uses = fc.constantFrom(
      "",
      "- [ ] see [a] and [b][]\n\n",
      "> [c] here\n\n",
      "1. [x] [a][b] done\n\n",
    );
    const definitions = fc.constantFrom(
      "\n[a]: /one\n",
      '\n> [b]: /two "title"\n',
      "\n- [c]:\n  /three\n",
      "\n```\n[a]: /not-a-definition\n```\n",
      "\n[A]: /first\n[a]: /second\n",
      "\nx [b]: /not-at-a-paragraph-start\n",
    );
    fc.assert(
      fc.property(uses, markdownDocument, definitions, uses, (before, doc, definition, after) => {
        const text = before + doc.replace(/^\uFEFF/, "") + definition + after;
        expect(dump(blocksOf(text).all)).toEqual(dump(parser.parse(text, {})));
      }),
      { numRuns: 1000 },
    );
  });

  it("gives the tokens md.parse gives, on any checklist-like document", () => {
    const extra = fc.constantFrom(
      "",
      "\n\n    code\n",
      "\n> quote\n> - [ ] x\n",
      "\n***\n",
      "\n<div>\n\nx\n</div>\n",
    );
    fc.assert(
      fc.property(markdownDocument, extra, (doc, tail) => {
        const text = doc.replace(/^\uFEFF/, "") + tail;
        expect(dump(blocksOf(text).all)).toEqual(dump(parser.parse(text, {})));
      }),
      { numRuns: 1000 },
    );
  });
});
