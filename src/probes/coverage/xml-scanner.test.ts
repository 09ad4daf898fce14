import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeEntities, scanXml } from "./xml-scanner.js";

/** Every event as text: `+name{attrs}<parent` for an open, `-name` for a close. */
function events(xml: string): string[] {
  const seen: string[] = [];
  scanXml(xml, {
    open: (name, attributes, parent) => seen.push(`+${name}${JSON.stringify(attributes)}<${parent ?? ""}`),
    close: (name) => seen.push(`-${name}`),
  });
  return seen;
}

function failure(xml: string): string {
  try {
    events(xml);
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
}

describe("scanXml", () => {
  it("reports elements with attributes and parents, self-closing ones as open then close", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<a x="1" y = 'two words'>\n  <b z="3"/>text<c></c >\n</a>\n`;
    expect(events(xml)).toEqual([
      '+a{"x":"1","y":"two words"}<',
      '+b{"z":"3"}<a',
      "-b",
      "+c{}<a",
      "-c",
      "-a",
    ]);
  });

  it("skips a DOCTYPE with an internal subset, comments, CDATA and a byte-order mark", () => {
    const xml = [
      "\uFEFF<?xml version='1.0'?>",
      '<!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">',
      '<!DOCTYPE x [ <!ENTITY boom "<b>]>"> <!ENTITY ext SYSTEM "file:///etc/passwd"> ]>',
      "<!-- <fake/> -->",
      "<r><![CDATA[ <not-an-element/> ]]><e v='&ext;&boom;'/></r>",
    ].join("\n");
    expect(events(xml)).toEqual(["+r{}<", '+e{"v":"&ext;&boom;"}<r', "-e", "-r"]);
  });

  it("decodes the predefined entities and character references in attribute values", () => {
    expect(events(`<m name="&lt;init&gt;" sig="a&amp;b &quot;&apos; &#65;&#x42;"/>`)).toEqual([
      '+m{"name":"<init>","sig":"a&b \\"\' AB"}<',
      "-m",
    ]);
    expect(decodeEntities("&#0; &#x110000; &nbsp; &amp")).toBe("&#0; &#x110000; &nbsp; &amp");
  });

  it("names the line of malformed XML", () => {
    expect(failure("<a>\n<b>\n</a>")).toBe("line 3: expected </b>, found </a>");
    expect(failure("<a>\n<b/>")).toBe("line 2: <a> is not closed");
    expect(failure("<a x=1/>")).toBe("line 1: the value of x is not quoted");
    expect(failure('<a x="1/>')).toBe("line 1: the value of x is not closed");
    expect(failure("<a x/>")).toBe("line 1: x has no value");
    expect(failure("<a><!-- open </a>")).toBe("line 1: comment is not closed");
    expect(failure("<a/><b/>")).toBe("line 1: a second root element <b>");
    expect(failure("</a>")).toBe("line 1: unexpected </a>");
    expect(failure("just text")).toBe("line 1: no root element");
    expect(failure("<!DOCTYPE a [ <a/>")).toBe("line 1: DOCTYPE is not closed");
    expect(failure("<a><!ELEMENT a ANY></a>")).toBe("line 1: unsupported markup declaration");
  });
});

describe("scanXml attribute values", () => {
  it("reads back any text written with the predefined entities", () => {
    const escapeXml = (value: string) =>
      value.replace(
        /[&<>"']/g,
        (char) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[char]};`,
      );
    fc.assert(
      fc.property(fc.string(), (value) => {
        let seen: string | undefined;
        scanXml(`<a v="${escapeXml(value)}"/>`, {
          open: (_, attributes) => (seen = attributes.v),
          close: () => {},
        });
        expect(seen).toBe(value);
      }),
    );
  });
});
