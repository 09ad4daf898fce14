import type { ObservableRef, Observed } from "../../core/observation.js";
import type { Sample } from "../shared/prometheus/exposition/types.js";
import {
  formatLabels,
  isHistogram,
  type MetricIndex,
  seriesLabels,
} from "../shared/prometheus/metric-index.js";
import { observedInUnit, unitOfName } from "../shared/prometheus/metric-unit.js";
import { formatSelector, matchesLabels, parseSelector, type Selector } from "./selector.js";

/** What one call-form observable came to: a value, nothing there (and why), or a misuse. */
export type Outcome = { value: Observed } | { absent: string } | { error: string };

const USAGE: Record<string, string> = {
  type: "type(name)",
  labels: "labels(name)",
  value: 'value(name) or value(name{label="v"})',
  count: 'count(name) or count(name{label="v"})',
  quantile: 'quantile(name, 0.95) or quantile(name{label="v"}, 0.95)',
};

/** The selector in the first argument of `ref`, which must take `arity` arguments. */
export function selectorArg(ref: ObservableRef, arity: number): Selector | { error: string } {
  const [first] = ref.args;
  if (ref.args.length !== arity || typeof first !== "string" || ref.path.length > 0) {
    return { error: `${ref.text}: write ${USAGE[ref.name] ?? ref.name}` };
  }
  const parsed = parseSelector(first);
  return "error" in parsed ? { error: `${ref.text}: ${parsed.error}` } : parsed;
}

export function observeType(index: MetricIndex, selector: Selector): Outcome {
  const family = index.family(selector.name);
  return family ? { value: family.type } : { absent: `no metric named ${selector.name}` };
}

export function observeLabels(index: MetricIndex, selector: Selector): Outcome {
  const family = index.family(selector.name);
  if (!family) return { absent: `no metric named ${selector.name}` };
  const names = new Set<string>();
  for (const sample of family.samples) {
    if (!matchesLabels(selector.matchers, sample.labels)) continue;
    for (const name of Object.keys(seriesLabels(family, sample.labels))) names.add(name);
  }
  return { value: [...names].sort() };
}

export function observeValue(index: MetricIndex, selector: Selector): Outcome {
  const matched = index.samples(selector.name).filter((s) => matchesLabels(selector.matchers, s.labels));
  const [sample, ...others] = matched;
  if (sample === undefined) return { absent: whyNoSample(index, selector) };
  if (others.length > 0) {
    const shown = matched.slice(0, 4).map((s) => formatLabels(s.labels));
    const more = matched.length > shown.length ? ", …" : "";
    return {
      error: `value(${formatSelector(selector)}) matches ${matched.length} series (${shown.join(", ")}${more}): add labels to pick one`,
    };
  }
  const family = index.family(sample.name);
  return { value: observedInUnit(sample.value, unitOfName(sample.name, family?.unit)) };
}

export function observeCount(index: MetricIndex, selector: Selector): Outcome {
  const family = index.exposition.families.get(selector.name);
  if (family && (isHistogram(family) || family.type === "summary")) {
    const sets = new Set<string>();
    for (const sample of family.samples) {
      if (matchesLabels(selector.matchers, sample.labels))
        sets.add(formatLabels(seriesLabels(family, sample.labels)));
    }
    return { value: sets.size };
  }
  return {
    value: index.samples(selector.name).filter((s) => matchesLabels(selector.matchers, s.labels)).length,
  };
}

function whyNoSample(index: MetricIndex, selector: Selector): string {
  const family = index.family(selector.name);
  if (family && family.name === selector.name && (isHistogram(family) || family.type === "summary")) {
    const n = selector.name;
    return `${n} is a ${family.type}: ask for quantile(${n}, 0.95), value(${n}_sum) or value(${n}_count)`;
  }
  const all: Sample[] = index.samples(selector.name);
  if (all.length === 0) return `no metric named ${selector.name}`;
  const shown = all.slice(0, 4).map((s) => formatLabels(s.labels));
  return `no series of ${selector.name} matches ${formatSelector(selector)} (it has ${shown.join(", ")}${all.length > 4 ? ", …" : ""})`;
}
