import type { ValueUnit } from "../shared/prometheus/metric-unit.js";

export interface QueryUnit {
  unit: ValueUnit;
  /** Why, for evidence: `seconds (from bargain_response_seconds_bucket)`. */
  why: string;
}

const STRINGS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|#[^\n]*/g;
const IDENTIFIER = /(?<![\w:.])[a-zA-Z_:][\w:]*/g;

/**
 * The unit of a query's values: `unit:` when configured, else inferred from the metric names in it.
 * A name ending in `_seconds` / `_bytes` means seconds / bytes; one ending in `_seconds_bucket` /
 * `_bytes_bucket` only inside histogram_quantile (elsewhere bucket counts make ratios, as in an
 * Apdex score). Names of both kinds, or neither, give a plain number.
 */
export function queryUnit(query: string, configured?: "seconds" | "bytes" | "none"): QueryUnit {
  if (configured !== undefined) return { unit: configured, why: `${configured} (unit: in the config)` };
  const code = query.replace(STRINGS, '""');
  const quantile = /\bhistogram_quantile\s*\(/.test(code);
  const found = { seconds: [] as string[], bytes: [] as string[] };
  for (const [name] of code.matchAll(IDENTIFIER)) {
    for (const unit of ["seconds", "bytes"] as const) {
      if (name.endsWith(`_${unit}`) || (quantile && name.endsWith(`_${unit}_bucket`))) found[unit].push(name);
    }
  }
  const [seconds] = found.seconds;
  const [bytes] = found.bytes;
  if (seconds !== undefined && bytes === undefined)
    return { unit: "seconds", why: `seconds (from ${seconds})` };
  if (bytes !== undefined && seconds === undefined) return { unit: "bytes", why: `bytes (from ${bytes})` };
  if (seconds !== undefined)
    return { unit: "none", why: `none (${seconds} and ${bytes} disagree; set unit:)` };
  return { unit: "none", why: "none (no _seconds or _bytes metric in the query; set unit: if it has one)" };
}
