import type { LintContext, LintFinding, LintRule } from "./finding.js";

/** The same item text twice in one section: usually a copy-paste, and ambiguous to bind by text. */
export const duplicateItem: LintRule = ({ checklist }: LintContext) => {
  const firstLine = new Map<string, number>();
  const findings: LintFinding[] = [];
  for (const item of checklist.items) {
    const key = `${item.section ?? ""}\u0000${item.text.toLowerCase()}`;
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, item.line);
    else {
      findings.push({
        rule: "duplicate-item",
        line: item.line,
        severity: "warning",
        message: `"${item.text}" repeats the item on line ${first} in the same section`,
      });
    }
  }
  return findings;
};
