import type { Checklist } from "../checklist/index.js";
import { collectFacts } from "./item-facts.js";
import { manualReason } from "./manual-reasons.js";
import { FALLBACK_RULES, RULES } from "./rules/index.js";
import type { ItemFacts, ItemInference, Proposal, Rule } from "./types.js";

/**
 * Words that make an item a person's job (an approval, a review, a document, a plan): no rule
 * proposes a check for it, whatever else it names. "Config documented in `x.env`" still gets
 * its file check: the words name a file that must exist.
 */
const PEOPLE_OR_PAPERWORK =
  /\b(?:review(?:ed|s)?|approv(?:al|ed|e)|sign(?:ed)?[- ]off|trained|training|notified|assigned|stakeholders?|team|postmortem|document(?:ed|ation)?|runbooks?|playbooks?|policy|procedures?|defined|plan(?:ned|ning)?|scheduled|rehears\w*|game day|on-call|escalation|staffed|screenshots?|compliance|privacy|legal|satisfaction|update|analy[sz]e|identify|maintain)\b/i;
const FILE_STATEMENT = /\b(?:documented|defined|described) in\b/i;
/** "(if using K8s)", "(if required)", "(optional)": not applicable everywhere, so a waiver candidate. */
const CONDITIONAL = /\((if [^)]*|optional|when [^)]*|for cloud deployment)\)/i;

/** Runs every rule over every item, in document order. */
export function inferChecks(checklist: Checklist, rules: readonly Rule[] = RULES): ItemInference[] {
  const facts = collectFacts(checklist);
  return checklist.items.map((item) => inferItem(facts.get(item.id) as ItemFacts, rules));
}

export function inferItem(facts: ItemFacts, rules: readonly Rule[] = RULES): ItemInference {
  const conditional = CONDITIONAL.exec(facts.text);
  const waiverReason = conditional ? `not applicable here (${conditional[1]})` : null;
  const paperwork = PEOPLE_OR_PAPERWORK.exec(facts.text);
  const fileStatement = facts.files.length > 0 && FILE_STATEMENT.test(facts.text);
  if (paperwork && !fileStatement) {
    return {
      item: facts.item,
      proposals: [],
      waiverReason,
      manualReason: `a person's job ("${paperwork[0]}")`,
    };
  }
  // "Config documented in `x.env`": the file is there or not, but whether it documents anything is
  // a person's to judge, so its check is written commented out.
  const proposals = propose(facts, rules).map((p) => (paperwork ? personsJudgement(p, paperwork[0]) : p));
  if (proposals.length > 0) return { item: facts.item, proposals, waiverReason, manualReason: null };
  const reason = manualReason(facts);
  // A reason that names the item's kind ("an alert threshold") beats a guessed query.
  const fallback = reason?.startsWith("a numeric target") ? propose(facts, FALLBACK_RULES) : [];
  return {
    item: facts.item,
    proposals: fallback,
    waiverReason,
    manualReason: fallback.length ? null : reason,
  };
}

/** A proposal for an item that is a person's job: never live (below REVIEW_BELOW). */
function personsJudgement(proposal: Proposal, word: string): Proposal {
  return {
    ...proposal,
    confidence: Math.min(proposal.confidence, 0.4),
    because: [...proposal.because, `a person's job ("${word}"): review before enabling`],
  };
}

function propose(facts: ItemFacts, rules: readonly Rule[]): Proposal[] {
  const proposals: Proposal[] = [];
  for (const rule of rules) {
    const found = rule.propose(facts);
    for (const one of Array.isArray(found) ? found : found ? [found] : [])
      proposals.push({ probe: rule.probe, rule: rule.name, ...one });
  }
  return mergeByProbe(proposals);
}

/**
 * One proposal per probe, unless one rule proposes several (one http check per health path):
 * rules that ask the same probe the same thing (same block) are merged into one check; of rival
 * blocks for one probe the most confident rule wins.
 */
function mergeByProbe(proposals: Proposal[]): Proposal[] {
  const byProbe = new Map<string, Proposal[]>();
  for (const proposal of proposals) {
    const held = byProbe.get(proposal.probe);
    const same = held?.find((p) => JSON.stringify(p.config) === JSON.stringify(proposal.config));
    if (!held) byProbe.set(proposal.probe, [{ ...proposal }]);
    else if (same) {
      same.expect = [...new Set([...same.expect, ...proposal.expect])];
      same.because = [...new Set([...same.because, ...proposal.because])];
      same.confidence = Math.max(same.confidence, proposal.confidence);
      same.rule = `${same.rule}+${proposal.rule}`;
    } else if (held.every((p) => p.rule === proposal.rule)) held.push({ ...proposal });
    else if (proposal.confidence > Math.max(...held.map((p) => p.confidence)))
      byProbe.set(proposal.probe, [{ ...proposal }]);
  }
  return [...byProbe.values()].flat().sort((a, b) => b.confidence - a.confidence);
}
