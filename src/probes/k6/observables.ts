import type { ObservableSpec } from "../../core/observation.js";
import { COUNTERS, DATA_COUNTERS, GAUGES, RATES, TIME_TRENDS } from "./builtin-metrics.js";

const TREND_STATS = "avg, min, med, max, p90, p95 (p99, p99_9 ... when summaryTrendStats has them)";

function specs(names: readonly string[], spec: ObservableSpec): [string, ObservableSpec][] {
  return names.map((name) => [name, spec]);
}

/**
 * k6's built-in metrics by name, each with its statistics as a path (`http_req_duration.p95`), and
 * `metric.<name>.<stat>` for any other (custom metrics, submetrics with tags).
 */
export const k6Observables: Record<string, ObservableSpec> = Object.fromEntries([
  ...specs(TIME_TRENDS, { kind: "duration", form: "path", description: `k6 trend in ms: .${TREND_STATS}` }),
  ...specs(RATES, {
    kind: "number",
    form: "path",
    description: "k6 rate: .rate (ratio of non-zero samples: 0.01 = 1%), .passes, .fails; alone: the rate",
  }),
  ...specs(COUNTERS, {
    kind: "number",
    form: "path",
    description: "k6 counter: .count, .rate (per second); alone: the count",
  }),
  ...specs(DATA_COUNTERS, {
    kind: "any",
    form: "path",
    description: "k6 counter of bytes: .count (a size), .rate (bytes per second, a number); alone: the count",
  }),
  ...specs(GAUGES, {
    kind: "number",
    form: "path",
    description: "k6 gauge: .value, .min, .max; alone: the value",
  }),
  [
    "metric",
    {
      kind: "any",
      form: "path",
      description:
        'any metric in the summary: metric.<name>.<stat>, e.g. metric.orders.count, metric["http_req_duration{status:200}"].p95',
    },
  ],
  [
    "thresholds_ok",
    { kind: "boolean", description: "every threshold k6 evaluated held; absent when there were none" },
  ],
  [
    "thresholds_failed",
    {
      kind: "list",
      description: 'thresholds that failed, as "metric: expression"; absent when there were none',
    },
  ],
]);
