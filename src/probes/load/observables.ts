import type { ObservableSpec } from "../../core/observation.js";

const latency = (what: string): ObservableSpec => ({
  kind: "duration",
  description: `${what} latency of the measured requests (microsecond resolution; open model: from the intended start)`,
});

/** Observables shared by `load` and the per-route `routes.<name>.<stat>` form. */
export const loadObservables: Record<string, ObservableSpec> = {
  p50: latency("median"),
  p90: latency("90th percentile"),
  p95: latency("95th percentile"),
  p99: latency("99th percentile"),
  p999: latency("99.9th percentile"),
  max: latency("highest"),
  mean: latency("mean"),
  rps: { kind: "number", description: "answers per second over the measured duration (warm-up left out)" },
  requests: { kind: "number", description: "requests answered or failed during the measured duration" },
  error_rate: {
    kind: "number",
    description:
      "share of measured requests that failed (status not accepted, check, timeout, reset, refused)",
  },
  errors: {
    kind: "number",
    form: "path",
    description:
      "errors of one kind: errors.status_4xx, errors.status_5xx, errors.check, errors.timeout, errors.reset, errors.refused, errors.other",
  },
  dropped: {
    kind: "number",
    description: "open model: requests due that were never sent (max_in_flight outstanding until the end)",
  },
  routes: {
    kind: "any",
    form: "path",
    description: "the same figures for one route of a mix: routes.<name>.p95, routes.<name>.error_rate",
  },
  generator_cpu: {
    kind: "number",
    description: "CPU used by gonogo while measuring, as a share of one core",
  },
  generator_lag: {
    kind: "duration",
    description: "99th percentile of how late gonogo's own event loop ran its callbacks",
  },
  generator_saturated: {
    kind: "boolean",
    description: "true when gonogo itself was the bottleneck (its figures then include its own delay)",
  },
};
