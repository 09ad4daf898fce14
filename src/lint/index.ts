import type { Checklist } from "../checklist/index.js";
import { duplicateItem } from "./duplicate-item.js";
import { createLintContext, type LintFinding, type LintRule } from "./finding.js";
import { readyClaim } from "./ready-claim.js";
import { signoffIncomplete } from "./signoff-incomplete.js";
import { statedTotal } from "./stated-total.js";
import { tickedParent } from "./ticked-parent.js";

export type { LintFinding } from "./finding.js";

const RULES: LintRule[] = [readyClaim, statedTotal, tickedParent, duplicateItem, signoffIncomplete];

/** Every rule's findings, in document order. */
export function lintChecklist(checklist: Checklist): LintFinding[] {
  const context = createLintContext(checklist);
  return RULES.flatMap((rule) => rule(context)).sort(
    (a, b) => a.line - b.line || a.rule.localeCompare(b.rule),
  );
}
