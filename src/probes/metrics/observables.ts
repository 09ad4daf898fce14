import type { ObservableSpec } from "../../core/observation.js";

export const metricsObservables: Record<string, ObservableSpec> = {
  missing: {
    kind: "list",
    description: "names under require: that the endpoint does not expose with at least one sample",
  },
  latency: { kind: "duration", description: "time to fetch the whole exposition" },
  type: {
    kind: "string",
    form: "call",
    description: "type(name): counter, gauge, histogram, summary, untyped (OpenMetrics: unknown, info, ...)",
  },
  labels: {
    kind: "list",
    form: "call",
    description: "labels(name): label names on its series (without a histogram's le or a summary's quantile)",
  },
  value: {
    kind: "any",
    form: "call",
    description: 'value(name{label="v"}): the one matching sample; _seconds in ms, _bytes as a size',
  },
  quantile: {
    kind: "any",
    form: "call",
    description: "quantile(name, 0.95): from histogram buckets as histogram_quantile does, or a summary's",
  },
  count: {
    kind: "number",
    form: "call",
    description: "count(name): series of name; for a histogram or summary, the label sets (not buckets)",
  },
};
