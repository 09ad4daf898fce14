import type { LintContext, LintFinding, LintRule } from "./finding.js";

// "Total items: ~150", "Total: 42", "Total tasks = 12". A number followed by another noun
// ("Total effort: 16 hours", "Total = 5 servers") is not an item count.
const STATED_TOTAL =
  /\btotal(?:\s+(?:items|tasks|checks|checkboxes))?\s*[:=]\s*(~|≈|about\s+|approx\.?\s*)?\s*(\d[\d,]*)(?!\s*%)(?:\s+(\p{L}+))?/iu;
const ITEM_NOUNS = /^(?:items?|tasks?|checks?|checkboxes|boxes)$/i;

// "~150" is an estimate: allow it 10% (at least one item) either way; an exact figure must be exact.
const APPROXIMATE_TOLERANCE = 0.1;

/** A stated item total ("Total items: ~150") that the count does not bear out. */
export const statedTotal: LintRule = ({ checklist }: LintContext) => {
  const findings: LintFinding[] = [];
  const count = checklist.items.length;
  for (const block of checklist.prose) {
    block.lines.forEach((text, offset) => {
      const match = STATED_TOTAL.exec(text);
      if (!match || (match[3] !== undefined && !ITEM_NOUNS.test(match[3]))) return;
      const stated = Number((match[2] ?? "").replace(/,/g, ""));
      const approximate = match[1] !== undefined;
      const off = Math.abs(stated - count);
      if (approximate ? off <= Math.max(1, stated * APPROXIMATE_TOLERANCE) : off === 0) return;
      findings.push({
        rule: "stated-total",
        line: block.line + offset,
        severity: "warning",
        message: `states ${approximate ? "about " : ""}${stated} items, but the document has ${count} task items`,
      });
    });
  }
  return findings;
};
