import fc from "fast-check";
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

describe("normalizeLink's answer for addresses already normal", () => {
  const plain = markdownIt("default", options);
  const quick = markdownIt("default", options);
  rememberLinkNormalisation(quick);

  it("is markdown-it's own, for any web address and near misses", () => {
    // Mostly addresses the shortcut takes, and each way of missing it by one thing: a capital, a
    // long label or host, a character the encoder escapes, another scheme, a bad port.
    const label = fc.oneof(
      fc.stringMatching(/^[a-z0-9-]{1,12}$/),
      fc.stringMatching(/^[a-zA-Z0-9-]{1,12}$/),
      fc.stringMatching(/^[a-z0-9-]{60,70}$/),
    );
    const host = fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join("."));
    const longHost = fc
      .array(fc.stringMatching(/^[a-z]{50,63}$/), { minLength: 4, maxLength: 5 })
      .map((l) => l.join("."));
    const safe = fc.constantFrom(
      "/",
      "?",
      "#",
      "a",
      "Z",
      "0",
      "_",
      "-",
      ".",
      "~",
      "'",
      "(",
      ")",
      "@",
      ":",
      ";",
      "=",
      "&",
      "+",
      "$",
      ",",
      "!",
      "*",
    );
    const unsafe = fc.constantFrom("%", "%41", " ", "ä", "[", "\\", "|", "^", "`", "{", '"', "<");
    const path = fc.tuple(
      fc.string({ unit: safe, maxLength: 20 }),
      fc.option(unsafe, { nil: "" }),
      fc.string({ unit: safe, maxLength: 5 }),
    );
    const scheme = fc.constantFrom(
      "http://",
      "https://",
      "http://",
      "https://",
      "HTTP://",
      "ftp://",
      "//",
      "http:/",
      "javascript:",
    );
    const port = fc.constantFrom("", "", ":8080", ":", ":99999999");
    const address = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(scheme, fc.oneof(host, longHost), port, path).map(([a, b, c, d]) => a + b + c + d.join("")),
    );
    let shortcut = 0;
    fc.assert(
      fc.property(address, (url) => {
        if (quick.normalizeLink(url) === url) shortcut++;
        expect(quick.normalizeLink(url)).toBe(plain.normalizeLink(url));
      }),
      { numRuns: 20000 },
    );
    expect(shortcut).toBeGreaterThan(2000);
  });
});
