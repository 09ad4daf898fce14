import type { ObservableRef, Observations, Observed } from "../../core/observation.js";
import { ERROR_KINDS } from "../shared/traffic/error-kind.js";
import { encodeHistogram, latencyStats } from "../shared/traffic/latency-histogram.js";
import type { Route } from "../shared/traffic/plan-routes.js";
import type { GeneratorHealth } from "./generator-health.js";
import type { Recorder, Tally } from "./recorder.js";

/** p50 … mean, rps, requests, error_rate of one tally over the measured seconds. */
export function tallyFigures(tally: Tally, measuredMs: number): Record<string, Observed> {
  return {
    ...latencyStats(tally.histogram),
    rps: measuredMs > 0 ? Math.round((tally.requests / measuredMs) * 1000 * 10) / 10 : 0,
    requests: tally.requests,
    error_rate: tally.requests === 0 ? null : tally.errors / tally.requests,
  };
}

/**
 * Observations of a run: the totals, every error kind seen (and any asked for, as 0), generator
 * health, and the per-route figures the expectations name.
 */
export function summarizeRun(
  recorder: Recorder,
  routes: Route[],
  measuredMs: number,
  health: GeneratorHealth,
  requested: ObservableRef[],
): Observations {
  const observations: Observations = {
    ...tallyFigures(recorder.total, measuredMs),
    dropped: recorder.dropped,
    generator_cpu: health.cpu,
    generator_lag: { value: health.lagP99Ms, unit: "ms" },
    generator_saturated: health.saturated,
  };
  for (const [kind, n] of recorder.total.errorKinds) observations[`errors.${kind}`] = n;
  for (const ref of requested) {
    const [head] = ref.path;
    const stat = ref.path.slice(1).join(".");
    if (ref.name === "errors" && typeof head === "string" && ERROR_KINDS.includes(head as never)) {
      observations[ref.text] ??= 0;
    }
    if (ref.name === "routes" && stat !== "") {
      const index = routes.findIndex((route) => route.name === head);
      const tally = recorder.routes[index];
      if (tally === undefined) continue;
      const figures: Record<string, Observed> = { ...tallyFigures(tally, measuredMs) };
      for (const [kind, n] of tally.errorKinds) figures[`errors.${kind}`] = n;
      if (stat in figures) observations[ref.text] = figures[stat] as Observed;
    }
  }
  return observations;
}

/** Evidence a report can plot later: the HDR histogram, the per-second series, each route's figures. */
export function runEvidence(
  recorder: Recorder,
  routes: Route[],
  measuredMs: number,
): Record<string, unknown> {
  return {
    histogram: {
      encoding: "HdrHistogram compressed base64, values in microseconds",
      data: encodeHistogram(recorder.total.histogram),
    },
    series: recorder.series.points,
    routes: Object.fromEntries(
      routes.map((route, i) => {
        const tally = recorder.routes[i] as Tally;
        const errors = Object.fromEntries(tally.errorKinds);
        return [
          route.name,
          { method: route.method, path: route.path, ...tallyFigures(tally, measuredMs), errors },
        ];
      }),
    ),
  };
}
