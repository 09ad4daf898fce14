import type { ObservableSpec } from "../../core/observation.js";

export const promqlObservables: Record<string, ObservableSpec> = {
  value: {
    kind: "any",
    description:
      "the query's one series, latest sample; _seconds queries in ms, _bytes as sizes; absent with no data",
  },
  series: { kind: "number", description: "how many series the query returned" },
  samples: {
    kind: "number",
    description: "samples with a number (not NaN) over all series; 0 means no data",
  },
  avg: { kind: "any", description: "mean of the one series' samples over the range" },
  max: { kind: "any", description: "largest sample of the one series over the range" },
  min: { kind: "any", description: "smallest sample of the one series over the range" },
  rule_loaded: { kind: "boolean", description: "the rule named by rule: is loaded" },
  rule_health: { kind: "string", description: "ok, err or unknown (not evaluated yet)" },
  rule_state: { kind: "string", description: "inactive, pending or firing (alerting rules only)" },
  rule_type: { kind: "string", description: "alerting or recording" },
  firing: { kind: "list", description: "names of the alerts firing now" },
  pending: { kind: "list", description: "names of the alerts pending (waiting out their for:)" },
  targets_up: { kind: "number", description: "scrape targets up (of job: when given)" },
  targets_down: {
    kind: "list",
    description: "job/instance of each scrape target not up (down or not scraped yet)",
  },
};
