import type { Observed } from "../../../core/observation.js";

/** The unit a Prometheus value is in, by the naming conventions (base units: seconds and bytes). */
export type ValueUnit = "seconds" | "milliseconds" | "bytes" | "none";

// Samples that count things (or hold a timestamp) whatever the family measures.
const COUNTING_SUFFIXES = ["_count", "_bucket", "_gcount", "_created", "_info"];
// Samples in the family's unit: a counter of seconds, a histogram's sum.
const VALUE_SUFFIXES = ["_total", "_sum", "_gsum"];
const NAME_UNITS: ReadonlyArray<readonly [suffix: string, unit: ValueUnit]> = [
  ["_seconds", "seconds"],
  ["_milliseconds", "milliseconds"],
  ["_bytes", "bytes"],
];

/**
 * The unit of a sample from its name, or of a family from its `# UNIT`:
 * `http_request_duration_seconds_sum` -> seconds, `..._seconds_count` -> none,
 * `process_resident_memory_bytes` -> bytes, `bargain_redis_hit_rate` -> none.
 */
export function unitOfName(name: string, declaredUnit?: string): ValueUnit {
  if (COUNTING_SUFFIXES.some((suffix) => name.endsWith(suffix))) return "none";
  if (declaredUnit === "seconds" || declaredUnit === "bytes") return declaredUnit;
  const suffix = VALUE_SUFFIXES.find((s) => name.endsWith(s));
  const base = suffix === undefined ? name : name.slice(0, -suffix.length);
  return NAME_UNITS.find(([ending]) => base.endsWith(ending))?.[1] ?? "none";
}

/** A value as gonogo compares it: durations in ms (`0.25` seconds -> 250ms), sizes in bytes. */
export function observedInUnit(value: number, unit: ValueUnit): Observed {
  if (unit === "seconds") return { value: value * 1000, unit: "ms" };
  if (unit === "milliseconds") return { value, unit: "ms" };
  if (unit === "bytes") return { value, unit: "B" };
  return value;
}
