import type { ObservableRef, Observed } from "../../core/observation.js";
import type { K6Metric, K6Summary, MetricType } from "./parse-summary.js";

export type MetricLookup = { value: Observed } | { absent: string };

/** A metric with no statistic named stands for this one; a trend has none. */
const DEFAULT_STAT: Record<MetricType, string | undefined> = {
  counter: "count",
  gauge: "value",
  rate: "rate",
  trend: undefined,
};
const MAX_NAMES_SHOWN = 30;

/**
 * The value a ref names: `http_req_duration.p95`, `vus_max`, `checks.rate`, or for any metric
 * (custom ones, submetrics) `metric.orders.count` / `metric["http_req_duration{status:200}"].p95`.
 * Absent, with the reason, when the summary has no such metric or statistic: never 0.
 */
export function lookupMetric(summary: K6Summary, ref: Pick<ObservableRef, "name" | "path">): MetricLookup {
  const [metricName, statPath] =
    ref.name === "metric" ? [ref.path[0], ref.path.slice(1)] : [ref.name, ref.path];
  if (metricName === undefined) {
    return {
      absent: 'name a metric: metric.<name>.<stat>, e.g. metric["http_req_duration{status:200}"].p95',
    };
  }
  const metric = summary.metrics.get(String(metricName));
  if (metric === undefined) return { absent: noSuchMetric(summary, String(metricName)) };
  if (statPath.length > 1) return { absent: `${statPath.slice(1).join(".")}: a k6 statistic has no fields` };
  const stat = statKey(metric, statPath[0]);
  if (stat === undefined) {
    return {
      absent: `${metricName} is a trend: name a statistic (${metricName}.p95; it has ${listStats(metric)})`,
    };
  }
  // hasOwn: a statistic named "constructor" is not found on Object.prototype.
  const value = Object.hasOwn(metric.values, stat) ? metric.values[stat] : undefined;
  if (value === undefined) return { absent: noSuchStat(String(metricName), metric, stat) };
  if (stat === "rate" && metric.type === "rate" && sawNothing(metric)) {
    return {
      absent: `no data: ${metricName} counted 0 passes and 0 fails, so it has no rate (k6 writes 0, which is not 0%)`,
    };
  }
  return { value: withUnit(metric, stat, value) };
}

/**
 * A rate metric nothing was counted in (a `checks` threshold on a script whose checks never ran):
 * k6 still lists it, with rate 0. Its rate is absent, so `checks.rate < 1%` cannot pass on it.
 */
function sawNothing(metric: K6Metric): boolean {
  return metric.values.passes === 0 && metric.values.fails === 0;
}

/** `p95` -> `p(95)`, `p99_9` -> `p(99.9)`, a rate's `value` -> `rate`; `["p(95)"]` as written. */
function statKey(metric: K6Metric, step: string | number | undefined): string | undefined {
  if (step === undefined) return DEFAULT_STAT[metric.type];
  const text = String(step);
  const percentile = /^p(\d+)(?:_(\d+))?$/.exec(text);
  if (percentile) return `p(${percentile[1]}${percentile[2] === undefined ? "" : `.${percentile[2]}`})`;
  if (metric.type === "rate" && text === "value") return "rate";
  return text;
}

/**
 * Times as ms and bytes as B, so `p95 < 300ms` and `count > 1GB` compare with units. Ratios, per-second
 * rates, pass/fail counts and a trend's `count` are plain numbers.
 */
function withUnit(metric: K6Metric, stat: string, value: number): Observed {
  const plain = metric.type === "rate" || stat === "rate" || (metric.type === "trend" && stat === "count");
  if (plain) return value;
  if (metric.contains === "time") return { value, unit: "ms" };
  if (metric.contains === "data") return { value, unit: "B" };
  return value;
}

function noSuchMetric(summary: K6Summary, name: string): string {
  const names = [...summary.metrics.keys()].sort();
  const shown = names.slice(0, MAX_NAMES_SHOWN).join(", ");
  const more = names.length > MAX_NAMES_SHOWN ? ` and ${names.length - MAX_NAMES_SHOWN} more` : "";
  return `no metric "${name}" in the k6 summary (it has: ${shown || "none"}${more})`;
}

function noSuchStat(name: string, metric: K6Metric, stat: string): string {
  const hint =
    metric.type === "trend" && /^p\(/.test(stat)
      ? `; add "${stat}" to summaryTrendStats in the script's options`
      : "";
  return `${name} has no ${stat} in the summary (it has ${listStats(metric)}${hint})`;
}

function listStats(metric: K6Metric): string {
  return Object.keys(metric.values).join(", ");
}
