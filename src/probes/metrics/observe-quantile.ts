import { parseFloatValue } from "../shared/prometheus/exposition/parse-number.js";
import type { MetricFamily } from "../shared/prometheus/exposition/types.js";
import { formatLabels, isHistogram, type MetricIndex } from "../shared/prometheus/metric-index.js";
import { observedInUnit, unitOfName } from "../shared/prometheus/metric-unit.js";
import { type Bucket, bucketQuantile } from "./histogram-quantile.js";
import type { Outcome } from "./observe-calls.js";
import { formatSelector, matchesLabels, type Selector } from "./selector.js";

/**
 * `quantile(name{...}, q)`: for a histogram, the buckets of every matching series are added up by
 * `le` first, so it equals `histogram_quantile(q, sum by (le) (name_bucket{...}))` over the
 * counts since the process started; for a summary, its own `quantile="q"` sample.
 */
export function observeQuantile(index: MetricIndex, selector: Selector, q: unknown): Outcome {
  if (typeof q !== "number" || q < 0 || q > 1) {
    return {
      error: `quantile(${formatSelector(selector)}, ${String(q)}): q must be between 0 and 1, e.g. 0.95`,
    };
  }
  const family = index.family(selector.name);
  if (!family) return { absent: `no metric named ${selector.name}` };
  if (isHistogram(family)) return histogramQuantile(family, selector, q);
  if (family.type === "summary") return summaryQuantile(family, selector, q);
  return { absent: `${family.name} is a ${family.type}, not a histogram or summary` };
}

function histogramQuantile(family: MetricFamily, selector: Selector, q: number): Outcome {
  const byBound = new Map<number, number>();
  for (const sample of family.samples) {
    if (sample.name !== `${family.name}_bucket` || !matchesLabels(selector.matchers, sample.labels)) continue;
    const bound = parseFloatValue(sample.labels.le ?? "");
    if (bound !== undefined) byBound.set(bound, (byBound.get(bound) ?? 0) + sample.value);
  }
  if (byBound.size === 0)
    return { absent: `no ${family.name}_bucket series match ${formatSelector(selector)}` };
  const buckets: Bucket[] = [...byBound].map(([upperBound, count]) => ({ upperBound, count }));
  const value = bucketQuantile(q, buckets);
  if (Number.isNaN(value)) {
    const hasInf = byBound.has(Number.POSITIVE_INFINITY);
    return {
      absent: hasInf ? `${family.name} has no observations yet` : `${family.name} has no le="+Inf" bucket`,
    };
  }
  return { value: observedInUnit(value, unitOfName(family.name, family.unit)) };
}

function summaryQuantile(family: MetricFamily, selector: Selector, q: number): Outcome {
  const own = family.samples.filter(
    (s) => s.name === family.name && matchesLabels(selector.matchers, s.labels),
  );
  const matched = own.filter((s) => parseFloatValue(s.labels.quantile ?? "") === q);
  const [sample, ...others] = matched;
  if (sample === undefined) {
    const offered = [...new Set(own.map((s) => s.labels.quantile))].join(", ") || "none";
    return { absent: `summary ${family.name} has no quantile="${q}" (it has: ${offered})` };
  }
  if (others.length > 0) {
    const shown = matched
      .slice(0, 4)
      .map((s) => formatLabels(s.labels))
      .join(", ");
    return {
      error: `quantile(${formatSelector(selector)}, ${q}) matches ${matched.length} summaries (${shown}): add labels to pick one`,
    };
  }
  if (Number.isNaN(sample.value))
    return { absent: `summary ${family.name} has no observations in its window` };
  return { value: observedInUnit(sample.value, unitOfName(family.name, family.unit)) };
}
