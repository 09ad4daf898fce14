import type { ObservableRef, Observations } from "../../core/observation.js";
import { formatLabels } from "../shared/prometheus/metric-index.js";
import { observedInUnit } from "../shared/prometheus/metric-unit.js";
import type { QueryUnit } from "./query-unit.js";
import type { QueryAnswer } from "./run-query.js";
import type { SourceResult } from "./source.js";

const ONE_SERIES = ["value", "avg", "max", "min"] as const;
const SHOWN_SERIES = 10;

/**
 * `series` and `samples` always; `value` (the latest sample), `avg`, `max` and `min` (over the
 * samples of a range) when there is exactly one series. NaN samples are not data. With no data the
 * four are null, so `value < 300ms` is an error, never a pass; over several series asking for them
 * is an error, since gonogo will not guess how to combine them.
 */
export function observeQuery(
  answer: QueryAnswer,
  unit: QueryUnit,
  requested: readonly ObservableRef[],
): SourceResult {
  const numbers = answer.series.map((s) => s.values.filter((v) => !Number.isNaN(v)));
  const samples = numbers.reduce((n, values) => n + values.length, 0);
  const observations: Observations = { series: answer.series.length, samples };
  const evidence = {
    resultType: answer.resultType,
    unit: unit.why,
    series: answer.series.slice(0, SHOWN_SERIES).map((s) => formatLabels(s.labels)),
    ...(answer.warnings.length > 0 && { warnings: answer.warnings }),
  };
  const asked = ONE_SERIES.filter((name) => requested.some((ref) => ref.name === name));
  if (answer.series.length > 1) {
    if (asked.length === 0) return { observations, evidence };
    const shown = evidence.series.slice(0, 3).join(", ") + (answer.series.length > 3 ? ", …" : "");
    const error = `the query returned ${answer.series.length} series (${shown}): ${asked.join(", ")} need${asked.length > 1 ? "" : "s"} one; aggregate in the query, e.g. max(...) or sum(...)`;
    return { observations, evidence, errors: [error] };
  }
  const values = numbers[0] ?? [];
  const last = values.at(-1);
  if (last === undefined) {
    const why =
      answer.series.length === 0
        ? "no data: the query returned no series"
        : "no data: the query returned only NaN (no traffic in the window?)";
    for (const name of ONE_SERIES) observations[name] = null;
    return { observations, evidence, absent: Object.fromEntries(ONE_SERIES.map((name) => [name, why])) };
  }
  const sum = values.reduce((total, v) => total + v, 0);
  const inUnit = (value: number) => observedInUnit(value, unit.unit);
  Object.assign(observations, {
    value: inUnit(last),
    avg: inUnit(sum / values.length),
    max: inUnit(values.reduce((a, b) => Math.max(a, b))),
    min: inUnit(values.reduce((a, b) => Math.min(a, b))),
  });
  return { observations, evidence };
}
