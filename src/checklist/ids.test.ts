import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slugify } from "./ids.js";

/** The slug as first written: the whole text, every step (what the shortcut for long text must equal). */
function wholeSlug(text: string): string {
  const plain = /[^\p{ASCII}]/u.test(text) ? text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : text;
  return plain
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

describe("slugify", () => {
  it("keeps the first 80 characters of the dashed, lower-case text", () => {
    expect(slugify("Rollback tested: p95 < 35ms!")).toBe("rollback-tested-p95-35ms");
    expect(slugify(`${"ab ".repeat(60)}tail`)).toBe(`${"ab-".repeat(26)}ab`);
    expect(slugify("Café — déjà vu")).toBe("cafe-deja-vu");
  });

  it("gives the slug of the whole text, for text of any length", () => {
    const ascii = fc.constantFrom(..."aZ9 -_.,:;!*`[]()\t\n");
    const any = fc.oneof(ascii, fc.constantFrom("é", "—", "ﬁ"));
    // Words between separators, so that a "-" often falls on the 80th character of the slug.
    const word = fc.string({ unit: fc.constantFrom(..."aZ9"), minLength: 1, maxLength: 12 });
    const separator = fc.constantFrom(" ", " - ", ". ", "`", "\t");
    const sentence = fc
      .array(fc.tuple(word, separator), { maxLength: 40 })
      .map((parts) => parts.map(([w, s]) => w + s).join(""));
    const texts = fc.oneof(
      fc.string({ unit: ascii, maxLength: 400 }),
      fc.string({ unit: any, maxLength: 400 }),
      sentence,
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(slugify(text)).toBe(wholeSlug(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("cuts long text where the whole text would be cut (a run of blanks across the 160th character)", () => {
    for (let lead = 0; lead < 200; lead += 7)
      for (const gap of [" ", " - ", "      "]) {
        const text = `${"-".repeat(lead)}${"word".repeat(19)}${gap}${"x".repeat(70)}${gap}end`;
        expect(slugify(text), `${lead}`).toBe(wholeSlug(text));
      }
  });
});
