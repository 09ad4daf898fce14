import type { Observations } from "../../core/observation.js";

/** The API behind a group of observables: a query, /rules, /alerts or /targets. */
export type Source = "query" | "rules" | "alerts" | "targets";

/** What one source observed; `absent` says why a null value is null. */
export interface SourceResult {
  observations: Observations;
  absent?: Record<string, string>;
  /** Misuses (value over several series); the check is an error. */
  errors?: string[];
  evidence?: Record<string, unknown>;
}

/** Which source answers each observable. */
export const SOURCE_OF: Record<string, Source> = {
  value: "query",
  series: "query",
  samples: "query",
  avg: "query",
  max: "query",
  min: "query",
  rule_loaded: "rules",
  rule_health: "rules",
  rule_state: "rules",
  rule_type: "rules",
  firing: "alerts",
  pending: "alerts",
  targets_up: "targets",
  targets_down: "targets",
};

/**
 * The APIs to ask: the query when there is one, the rules when a rule is named, and whatever the
 * requested observables need. Asking for `value` without a query (or `rule_state` without a rule)
 * is a misuse, said in `errors`.
 */
export function planSources(
  config: { query?: string | undefined; rule?: string | undefined },
  requested: readonly { name: string; text: string }[],
): { sources: Source[]; errors: string[] } {
  const sources = new Set<Source>();
  if (config.query !== undefined) sources.add("query");
  if (config.rule !== undefined) sources.add("rules");
  const errors = new Set<string>();
  for (const ref of requested) {
    const source = SOURCE_OF[ref.name];
    if (source === "query" && config.query === undefined)
      errors.add(`${ref.text} needs a query: in the promql block`);
    else if (source === "rules" && config.rule === undefined)
      errors.add(`${ref.text} needs rule: <name> in the promql block`);
    else if (source !== undefined) sources.add(source);
  }
  return { sources: [...sources], errors: [...errors] };
}
