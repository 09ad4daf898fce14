import type { ProseBlock } from "../checklist/index.js";
import { type LintContext, type LintFinding, type LintRule, sectionTitle } from "./finding.js";
import { statesReady } from "./ready-statement.js";

// A done mark in a heading ("## 1. Service Health ✅") claims the section is done.
const DONE_MARK = /✅|✔|☑|:white_check_mark:|:heavy_check_mark:|:ballot_box_with_check:/;
const NEGATED_MARK = /\bnot\b|\bno\b|❌|✗|\bin[- ]progress\b|\bincomplete\b|\bpending\b/i;
// "When all checkboxes are complete:\nREADY FOR ROLLOUT" states a condition over the whole block.
const CONDITIONAL = /^(?:when|once|after|if|until)\b/i;

interface Claim {
  kind: "phrase" | "mark";
  line: number;
  text: string;
}

/** The first line of a block that claims done; a block that opens with a condition claims nothing. */
function claimOf(block: ProseBlock): Claim | null {
  if (CONDITIONAL.test(block.lines[0] ?? "")) return null;
  const heading = block.kind === "heading";
  // What the block says in its own words: link texts are titles, not statements (see ProseBlock).
  const statement = block.statement ?? block.lines;
  for (const [offset, text] of block.lines.entries()) {
    const line = block.line + offset;
    if (statesReady(statement[offset] ?? "", { heading })) return { kind: "phrase", line, text };
    if (heading && DONE_MARK.test(text) && !NEGATED_MARK.test(text)) return { kind: "mark", line, text };
  }
  return null;
}

/** A heading or banner that claims done while items it covers are still open. */
export const readyClaim: LintRule = (context: LintContext) => {
  const { checklist, bySection, document } = context;
  const findings: LintFinding[] = [];
  for (const block of checklist.prose) {
    if (block.kind === "table-row") continue;
    const claim = claimOf(block);
    if (!claim) continue;
    const inSection = (block.section ? bySection.get(block.section) : undefined) ?? { items: 0, open: 0 };
    // A banner in a section with no items of its own speaks for the whole document.
    const covered = inSection.items > 0 ? inSection : claim.kind === "phrase" ? document : inSection;
    if (covered.open === 0) continue;
    const where = inSection.items > 0 ? `section "${sectionTitle(context, block.section)}"` : "the document";
    findings.push({
      rule: "ready-claim",
      line: claim.line,
      severity: "warning",
      message: `"${claim.text.slice(0, 80)}" claims done, but ${covered.open} of ${covered.items} items in ${where} are open`,
    });
  }
  return findings;
};
