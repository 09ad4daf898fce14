import { findTarget, isDuration, quantity } from "../rule-helpers.js";
import type { Rule } from "../types.js";

/** Rules tried only when no rule of RULES fired and no manual reason fits: guesses, written commented out. */
export const FALLBACK_RULES: readonly Rule[] = [
  {
    name: "metric-target",
    probe: "promql",
    summary: "any other rate / usage / time target -> a PromQL query named after its words, to be written",
    examples: ["Conflict rate < 0.2%", "Queue usage ≤ 5%", "Runtime ≤ 40ms per batch"],
    propose(facts) {
      const target = findTarget(facts, (t) => t.op !== "==" && (t.unit === "%" || isDuration(t)));
      const name = target ? metricName(target.metric) : "";
      if (!target || name === "") return null;
      const series = isDuration(target) ? `${name}_seconds` : name;
      return {
        config: { target: "prom", query: series },
        expect: [`value ${target.op} ${quantity(target)}`, "samples > 0"],
        confidence: 0.2,
        because: [target.text, `query guessed from the words: write the real one`],
      };
    },
  },
];

/** `Singleton rate` -> `singleton_rate`; words that only frame the target are left out. */
function metricName(words: string): string {
  const frame = /^(?:target|at|baseline|high|low|monitor|the|per|all|max|min|average|avg|stays?|kept)$/i;
  return words
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "" && !frame.test(w))
    .join("_");
}
