import type { ProseBlock } from "../checklist/index.js";
import { type LintContext, type LintFinding, type LintRule, sectionTitle } from "./finding.js";

// A banner that says the work is done: "READY FOR DEPLOYMENT", "✅ IMPLEMENTATION COMPLETE",
// "Production ready". Shouted words count; ordinary prose ("Complete this checklist") does not.
const READY_PHRASE =
  /\bready\s+for\s+(?:production|deployment|launch|rollout|go-?live|release)\b|\bproduction[- ]ready\b/i;
const SHOUTED_DONE = /\b(?:READY|COMPLETE|COMPLETED|DONE|GO-LIVE READY)\b/;
const DONE_MARK = /✅|✔|☑/;
// "NOT READY", "❌ NOT COMPLETE", "in progress": the opposite of a claim.
const NEGATED = /\bnot\b|\bno\b|❌|✗|\bin[- ]progress\b|\bincomplete\b|\bpending\b/i;
// "When all checkboxes are complete: READY FOR ROLLOUT" states a condition, not a claim.
const CONDITIONAL = /^(?:when|once|after|if|until)\b/i;

interface Claim {
  kind: "phrase" | "mark";
  line: number;
  text: string;
}

/** The first line of a block that claims done; a block that opens with a condition claims nothing. */
function claimOf(block: ProseBlock): Claim | null {
  if (CONDITIONAL.test(block.lines[0] ?? "")) return null;
  for (const [offset, text] of block.lines.entries()) {
    const line = block.line + offset;
    if (NEGATED.test(text)) continue;
    if (READY_PHRASE.test(text) || SHOUTED_DONE.test(text)) return { kind: "phrase", line, text };
    if (block.kind === "heading" && DONE_MARK.test(text)) return { kind: "mark", line, text };
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
