import { LineError } from "./line-cursor.js";
import type { MetricFamily, MetricType } from "./types.js";

export type Suffixes = ReadonlyArray<readonly [suffix: string, owners: readonly MetricType[]]>;

// Which sample names belong to a family of which type: `x_total` to counter `x`, and so on.
export const OM_SUFFIXES: Suffixes = [
  ["_total", ["counter"]],
  ["_created", ["counter", "histogram", "summary"]],
  ["_bucket", ["histogram", "gaugehistogram"]],
  ["_sum", ["histogram", "summary"]],
  ["_count", ["histogram", "summary"]],
  ["_gsum", ["gaugehistogram"]],
  ["_gcount", ["gaugehistogram"]],
  ["_info", ["info"]],
];

const UNITLESS: readonly MetricType[] = ["info", "stateset"];

/** OpenMetrics: "MetricFamilies of type Info and StateSet MUST have an empty Unit". */
export function checkUnitAllowed(family: MetricFamily): void {
  if (family.unit && UNITLESS.includes(family.type)) {
    const article = family.type === "info" ? "an" : "a";
    throw new LineError(
      `${family.name} is ${article} ${family.type} family: OpenMetrics gives info and stateset families no unit`,
    );
  }
}

/**
 * Two families whose sample names would collide: a counter `jobs` next to a family `jobs_created`
 * (whose would `jobs_created 5` be?). OpenMetrics forbids it, and a value read from either could be
 * the other's. `declared` has just been given its type; `families` holds every family so far.
 */
export function checkNoClash(declared: MetricFamily, families: ReadonlyMap<string, MetricFamily>): void {
  for (const [suffix, owners] of OM_SUFFIXES) {
    const sampleName = declared.name + suffix;
    if (owners.includes(declared.type) && families.has(sampleName))
      throw new LineError(
        `${declared.type} ${declared.name} clashes with family ${sampleName}: ${sampleName} is a sample name of ${declared.type} ${declared.name}`,
      );
    const base = declared.name.endsWith(suffix)
      ? families.get(declared.name.slice(0, -suffix.length))
      : undefined;
    if (base && owners.includes(base.type))
      throw new LineError(
        `family ${declared.name} clashes with ${base.type} ${base.name}: ${declared.name} is a sample name of ${base.type} ${base.name}`,
      );
  }
}

/**
 * OpenMetrics allows an exemplar on a counter's `_total` samples and a histogram's (or gauge
 * histogram's) `_bucket` samples, and on no other: Prometheus refuses to scrape a body that has one
 * elsewhere (on a gauge, a _sum or a _created, for one), so gonogo does too.
 */
export function checkExemplarAllowed(family: MetricFamily, sampleName: string): void {
  const allowed =
    (family.type === "counter" && sampleName === `${family.name}_total`) ||
    ((family.type === "histogram" || family.type === "gaugehistogram") &&
      sampleName === `${family.name}_bucket`);
  if (!allowed)
    throw new LineError(
      `${sampleName} has an exemplar: OpenMetrics allows them only on a counter's _total and a histogram's _bucket samples`,
    );
}
