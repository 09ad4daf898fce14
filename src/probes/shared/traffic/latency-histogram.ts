import * as hdr from "hdr-histogram-js";
import type { Quantity } from "../../../core/observation.js";

export type Histogram = hdr.Histogram;

/** Microsecond resolution, 3 significant digits, up to an hour: whole milliseconds would hide a sub-ms service. */
export function createHistogram(): Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

export const PERCENTILES = { p50: 50, p90: 90, p95: 95, p99: 99, p999: 99.9 } as const;
export type LatencyStat = keyof typeof PERCENTILES | "max" | "mean";
export const LATENCY_STATS: readonly LatencyStat[] = ["p50", "p90", "p95", "p99", "p999", "max", "mean"];

function ms(us: number): Quantity {
  return { value: Math.round(us) / 1000, unit: "ms" };
}

/** `{ p50: 1.234ms, ..., max, mean }`, null each when nothing was measured (an expectation on it is an error, not a pass). */
export function latencyStats(histogram: Histogram): Record<LatencyStat, Quantity | null> {
  const empty = histogram.totalCount === 0;
  // A percentile is its bucket's upper edge; never report it above the exact maximum.
  const at = (p: number) =>
    empty ? null : ms(Math.min(histogram.getValueAtPercentile(p), histogram.maxValue));
  return {
    p50: at(PERCENTILES.p50),
    p90: at(PERCENTILES.p90),
    p95: at(PERCENTILES.p95),
    p99: at(PERCENTILES.p99),
    p999: at(PERCENTILES.p999),
    max: empty ? null : ms(histogram.maxValue),
    mean: empty ? null : ms(histogram.mean),
  };
}

/** The whole histogram, compressed, for a report to plot later (HdrHistogram's standard base64 form). */
export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}
