import type { ObservableRef, Observations } from "../../core/observation.js";
import type { Exposition } from "../shared/prometheus/exposition/types.js";
import { MetricIndex } from "../shared/prometheus/metric-index.js";
import {
  type Outcome,
  observeCount,
  observeLabels,
  observeType,
  observeValue,
  selectorArg,
} from "./observe-calls.js";
import { observeQuantile } from "./observe-quantile.js";
import type { Selector } from "./selector.js";

export interface ExpositionObservations {
  observations: Observations;
  /** Why a requested value is null: `value(x)`: "no metric named x". */
  absent: Record<string, string>;
  /** Misuses (`value(x)` matching several series, a bad selector); the check is an error. */
  errors: string[];
  /** Required names not exposed, each with why: "not exposed", "declared (# TYPE counter) but no samples". */
  missing: Record<string, string>;
}

const ONE_ARG: Record<string, (index: MetricIndex, selector: Selector) => Outcome> = {
  type: observeType,
  labels: observeLabels,
  value: observeValue,
  count: observeCount,
};

/** Observes `missing` and every requested call-form observable (`value(x)`, `quantile(x, 0.95)` ...). */
export function observeExposition(
  exposition: Exposition,
  required: readonly string[],
  requested: readonly ObservableRef[],
): ExpositionObservations {
  const index = new MetricIndex(exposition);
  const missing = missingMetrics(index, required);
  const result: ExpositionObservations = { observations: {}, absent: {}, errors: [], missing };
  if (required.length > 0) result.observations.missing = Object.keys(missing);
  for (const ref of requested) {
    const outcome = observeCall(index, ref);
    if (outcome === undefined) continue;
    if ("error" in outcome) result.errors.push(outcome.error);
    else if ("absent" in outcome) {
      result.observations[ref.text] = null;
      result.absent[ref.text] = outcome.absent;
    } else result.observations[ref.text] = outcome.value;
  }
  return result;
}

function observeCall(index: MetricIndex, ref: ObservableRef): Outcome | undefined {
  const single = ONE_ARG[ref.name];
  if (single === undefined && ref.name !== "quantile") return undefined;
  const selector = selectorArg(ref, single ? 1 : 2);
  if ("error" in selector) return selector;
  return single ? single(index, selector) : observeQuantile(index, selector, ref.args[1]);
}

function missingMetrics(index: MetricIndex, required: readonly string[]): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const name of required) {
    if (index.exposed(name)) continue;
    const declared = index.exposition.families.get(name);
    missing[name] = declared ? `declared (# TYPE ${declared.type}) but has no samples` : "not exposed";
  }
  return missing;
}
