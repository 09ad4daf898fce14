import type { ObservableRef, Observations } from "../../core/observation.js";
import type { ProbeResult } from "../types.js";
import { lookupMetric } from "./observe-metric.js";
import type { K6Summary } from "./parse-summary.js";

const THRESHOLD_OBSERVABLES = new Set(["thresholds_ok", "thresholds_failed"]);

export interface ThresholdResult {
  metric: string;
  threshold: string;
  ok: boolean;
}

/**
 * Observations of a k6 summary: `thresholds_ok` and `thresholds_failed` (when k6 ran thresholds), and
 * each requested metric ref under its text. A ref the summary cannot answer is left out, its reason in `absent`.
 */
export function observeSummary(summary: K6Summary, requested: ObservableRef[], source: string): ProbeResult {
  const thresholds = listThresholds(summary);
  const failed = thresholds
    .filter((result) => !result.ok)
    .map(({ metric, threshold }) => `${metric}: ${threshold}`);
  const observations: Observations = {};
  const absent: Record<string, string> = {};
  // No thresholds is not "all passed": k6 judged nothing, so an expectation on them must not pass.
  if (thresholds.length > 0) {
    observations.thresholds_ok = failed.length === 0;
    observations.thresholds_failed = failed;
  } else {
    const reason = "the summary has no thresholds (the script sets no options.thresholds)";
    absent.thresholds_ok = reason;
    absent.thresholds_failed = reason;
  }
  for (const ref of requested) {
    if (THRESHOLD_OBSERVABLES.has(ref.name)) continue;
    const found = lookupMetric(summary, ref);
    if ("value" in found) observations[ref.text] = found.value;
    else absent[ref.text] = found.absent;
  }
  return {
    observations,
    evidence: {
      summary: source,
      shape: summary.shape,
      metrics: summary.metrics.size,
      ...(summary.testRunDurationMs !== undefined && { testRunDurationMs: summary.testRunDurationMs }),
      thresholds,
      ...(Object.keys(absent).length > 0 && { absent }),
    },
  };
}

/** Every threshold of every metric, sorted by metric then expression. */
export function listThresholds(summary: K6Summary): ThresholdResult[] {
  return [...summary.metrics]
    .flatMap(([metric, { thresholds }]) =>
      Object.entries(thresholds).map(([threshold, ok]) => ({ metric, threshold, ok })),
    )
    .sort((a, b) => a.metric.localeCompare(b.metric) || a.threshold.localeCompare(b.threshold));
}
