import type { ItemFacts } from "./types.js";

/**
 * Why an item no rule automated stays with a person, when its words say more than "no rule
 * matched": --explain shows the reason and the manual list writes it beside the item.
 */
const REASONS: readonly { when: (facts: ItemFacts) => boolean; reason: (facts: ItemFacts) => string }[] = [
  {
    // "Critical alerts configured" > "Error rate > 5%": the threshold of an alert rule, not an SLO.
    when: (f) => /\balert/.test(f.context) && f.item.targets.length > 0,
    reason: (f) =>
      `an alert threshold (${f.item.targets[0]?.text}): once its Prometheus rule has a name, check it with promql \`rule:\``,
  },
  {
    when: (f) => /\bbackups?\b/i.test(f.text),
    reason: () =>
      "backups are the database provider's settings: attest them, or add a command that lists the latest backup",
  },
  {
    when: (f) => /\bpanels?\b|\bdashboards?\b/i.test(f.text),
    reason: () => "a dashboard a person looks at (write the panel's query as a promql check to automate it)",
  },
  {
    when: (f) => /\bmeasured\b|\bdrill\b/i.test(f.text),
    reason: () => "a measurement a person takes during a drill",
  },
];

export function manualReason(facts: ItemFacts): string | null {
  const found = REASONS.find((r) => r.when(facts));
  if (found) return found.reason(facts);
  const [target] = facts.item.targets;
  if (target) return `a numeric target (${target.text}) with nothing named that measures it`;
  return null;
}
