import { type LintContext, type LintFinding, type LintRule, sectionTitle } from "./finding.js";

/** A sign-off slot over a section whose items are not all ticked; a filled one is a warning. */
export const signoffIncomplete: LintRule = (context: LintContext) => {
  const { checklist, bySection, document } = context;
  const findings: LintFinding[] = [];
  for (const slot of checklist.signoffSlots) {
    const covered = (slot.section ? bySection.get(slot.section) : undefined) ?? document;
    const { open } = covered;
    if (open === 0) continue;
    const who = slot.role ? `${slot.role} sign-off` : "sign-off";
    const state = slot.filled ? "is signed" : "awaits signature";
    findings.push({
      rule: "signoff-incomplete",
      line: slot.line,
      severity: slot.filled ? "warning" : "info",
      message: `${who} for "${sectionTitle(context, slot.section)}" ${state}, but ${open} of ${covered.items} items are open`,
    });
  }
  return findings;
};
