import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBytes, parseText } from "../../test/support/checklist-bytes.js";
import { lintChecklist } from "./index.js";

const fixture = new Uint8Array(
  readFileSync(new URL("../../test/fixtures/checklists/ledger-sync.md", import.meta.url)),
);

describe("lintChecklist", () => {
  const findings = lintChecklist(parseBytes(fixture));
  const byRule = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.line);

  it("flags a READY banner while items are open, and ✅ headings over open items", () => {
    expect(byRule("ready-claim")).toEqual([3, 9, 26]);
    expect(findings[0]?.message).toBe(
      '"Status: ✅ ALL CHECKS COMPLETE - READY FOR LAUNCH" claims done, but 6 of 13 items in the document are open',
    );
  });

  it("flags a stated total that does not match the count", () => {
    expect(findings.find((f) => f.rule === "stated-total")).toMatchObject({
      line: 5,
      message: "states 12 items, but the document has 13 task items",
    });
  });

  it("flags a ticked parent with open children, duplicates and unsigned sections with open items", () => {
    expect(byRule("ticked-parent")).toEqual([14]);
    expect(byRule("duplicate-item")).toEqual([35]);
    // The approvers at the end of the file approve their own (item-less) notes section.
    expect(byRule("signoff-incomplete")).toEqual([22]);
  });

  it("does not read a condition, ordinary prose or an approximate total in range as a claim", () => {
    const doc = parseText(
      "# Plan\n\nComplete this checklist before launch.\n\nTotal items: ~3\n\n- [ ] a\n- [x] b\n\n**When all boxes are ticked:**\nREADY FOR PRODUCTION\n",
    );
    expect(lintChecklist(doc)).toEqual([]);
  });

  it("says nothing of a done claim when every item is ticked", () => {
    expect(lintChecklist(parseText("# Launch ✅\n\nSTATUS: READY FOR DEPLOYMENT\n\n- [x] a\n"))).toEqual([]);
  });

  it("reads negations, other totals and placeholder signatures as what they are", () => {
    const doc = parseText(
      "# Plan\n\n**Status:** NOT READY\n\n❌ NOT COMPLETE\n\nTotal effort: 16 hours\n\n## Sec\n- [ ] a\n\n**Sign-off:** TBD\n",
    );
    expect(lintChecklist(doc)).toEqual([]);
    const signed = parseText("# Plan\n## Sec\n- [ ] a\n\n**Sign-off:** Ana Diaz\n");
    expect(lintChecklist(signed).map((f) => [f.rule, f.severity])).toEqual([
      ["signoff-incomplete", "warning"],
    ]);
  });

  it("credits a sign-off at the end of the file to its own section", () => {
    const doc = parseText(
      "# Launch\n## One\n- [x] a\n\n**Sign-off:** ____\n## Two\n- [ ] b\n\n**Sign-off:** ____\n",
    );
    expect(doc.signoffSlots.map((s) => s.section)).toEqual(["launch/one", "launch/two"]);
  });
});
