import markdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { rememberLinkNormalisation } from "./remembered-links.js";

const options = { html: true, linkify: false, typographer: false };

/** Every link's and image's attributes, and every text, in the order parsed. */
function linksOf(md: ReturnType<typeof markdownIt>, text: string): unknown[] {
  return md
    .parse(text, {})
    .flatMap((token) => token.children ?? [])
    .map((child) => [child.type, child.content, child.attrs]);
}

describe("rememberLinkNormalisation", () => {
  it("gives the links markdown-it gives, asked once or many times", () => {
    const remembering = markdownIt("default", options);
    rememberLinkNormalisation(remembering);
    const document = [
      "[a](https://exämple.com/ä b) [b](<https://exämple.com/ä b>) ![c](data:image/png;base64,AA)",
      "[d](javascript:alert(1)) [e](JAVASCRIPT:x) <https://xn--exmple-cua.com/%7e> <a@exämple.com>",
      "[f](//host/path?q=1#frag) [g](mailto:someone@exämple.com) [h](relative/path)",
    ].join("\n\n");
    const expected = linksOf(markdownIt("default", options), document);
    expect(linksOf(remembering, document)).toEqual(expected);
    // The second time every answer is a remembered one.
    expect(linksOf(remembering, document)).toEqual(expected);
  });
});
