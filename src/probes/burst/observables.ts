import type { ObservableSpec } from "../../core/observation.js";

export const burstObservables: Record<string, ObservableSpec> = {
  first_429_at: {
    kind: "number",
    description: "1-based index (in sending order) of the first request answered 429; absent when none was",
  },
  limited: { kind: "number", description: "requests answered 429 Too Many Requests" },
  retry_after: {
    kind: "boolean",
    description: "true when every 429 carried a Retry-After header; absent when none was limited",
  },
  requests: { kind: "number", description: "requests sent" },
  errors: {
    kind: "number",
    description:
      "requests that failed otherwise: a status of 400 or more other than 429, timeout, reset, refused",
  },
  window: { kind: "duration", description: "time from the first request sent to the last answer" },
  p50: { kind: "duration", description: "median latency of the answered requests" },
  p95: { kind: "duration", description: "95th percentile latency of the answered requests" },
  max: { kind: "duration", description: "highest latency of the answered requests" },
};
