import { z } from "zod";
import { PrometheusApiError } from "./prometheus-api.js";
import type { SourceResult } from "./source.js";

const ruleSchema = z.object({
  name: z.string(),
  type: z.enum(["alerting", "recording"]),
  health: z.string(),
  lastError: z.string().optional(),
  state: z.string().optional(),
  query: z.string().optional(),
  lastEvaluation: z.string().optional(),
});
const rulesSchema = z.object({
  groups: z.array(z.object({ name: z.string(), file: z.string(), rules: z.array(ruleSchema) })),
});

// Worst first: one unhealthy copy of a rule makes the rule unhealthy.
const HEALTH_ORDER = ["err", "unknown", "ok"];
const STATE_ORDER = ["firing", "pending", "inactive"];

/**
 * `rule_loaded`, `rule_health`, `rule_state` and `rule_type` of the rules named `name` in the
 * answer of /api/v1/rules (a name may be loaded in several groups: the worst health and state win).
 */
export function observeRules(data: unknown, name: string): SourceResult {
  const parsed = rulesSchema.safeParse(data);
  if (!parsed.success) throw new PrometheusApiError("/api/v1/rules: the answer is not a list of rule groups");
  const matches = parsed.data.groups.flatMap((group) =>
    group.rules
      .filter((rule) => rule.name === name)
      .map((rule) => ({ group: group.name, file: group.file, ...rule })),
  );
  const [first] = matches;
  if (first === undefined) {
    const known = parsed.data.groups.flatMap((g) => g.rules.map((r) => r.name));
    const why = `no rule named ${name} is loaded`;
    return {
      observations: { rule_loaded: false, rule_health: null, rule_state: null, rule_type: null },
      absent: { rule_health: why, rule_state: why, rule_type: why },
      evidence: { rules: [...new Set(known)].slice(0, 30) },
    };
  }
  const alerting = matches.filter((rule) => rule.type === "alerting");
  const state = worst(
    alerting.map((rule) => rule.state ?? "inactive"),
    STATE_ORDER,
  );
  return {
    observations: {
      rule_loaded: true,
      rule_health:
        worst(
          matches.map((rule) => rule.health),
          HEALTH_ORDER,
        ) ?? null,
      rule_state: state ?? null,
      rule_type: first.type,
    },
    ...(state === undefined && {
      absent: { rule_state: `${name} is a recording rule: only alerting rules have a state` },
    }),
    evidence: { rules: matches },
  };
}

function worst(values: string[], order: string[]): string | undefined {
  const rank = (value: string) => (order.includes(value) ? order.indexOf(value) : -1);
  return values.reduce<string | undefined>(
    (a, b) => (a === undefined || rank(b) < rank(a) ? b : a),
    undefined,
  );
}
