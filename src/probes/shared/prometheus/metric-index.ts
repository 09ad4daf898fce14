import type { Exposition, MetricFamily, Sample } from "./exposition/types.js";

const HISTOGRAM_TYPES = new Set(["histogram", "gaugehistogram"]);
const VALUE_SAMPLE: Record<string, string> = { counter: "_total", info: "_info" };

/** Looks metrics up by the names users write: a family name (`x`) or a sample name (`x_bucket`). */
export class MetricIndex {
  private readonly bySampleName = new Map<string, { family: MetricFamily; samples: Sample[] }>();

  constructor(readonly exposition: Exposition) {
    for (const family of exposition.families.values()) {
      for (const sample of family.samples) {
        const entry = this.bySampleName.get(sample.name) ?? { family, samples: [] };
        entry.samples.push(sample);
        this.bySampleName.set(sample.name, entry);
      }
    }
  }

  /** The family named `name`, or the one a sample named `name` belongs to. */
  family(name: string): MetricFamily | undefined {
    return this.exposition.families.get(name) ?? this.bySampleName.get(name)?.family;
  }

  /**
   * The samples named `name`; for an OpenMetrics counter (info) family `x`, those of `x_total`
   * (`x_info`), so `value(x)` reads it whichever of its names is written.
   */
  samples(name: string): Sample[] {
    const own = this.bySampleName.get(name)?.samples;
    if (own !== undefined) return own;
    const suffix = VALUE_SAMPLE[this.exposition.families.get(name)?.type ?? ""];
    return suffix === undefined ? [] : (this.bySampleName.get(`${name}${suffix}`)?.samples ?? []);
  }

  /** True when `name` is exposed with at least one sample (a bare `# TYPE` line is not enough). */
  exposed(name: string): boolean {
    return this.samples(name).length > 0 || (this.exposition.families.get(name)?.samples.length ?? 0) > 0;
  }

  sampleCount(): number {
    let count = 0;
    for (const family of this.exposition.families.values()) count += family.samples.length;
    return count;
  }
}

export function isHistogram(family: MetricFamily): boolean {
  return HISTOGRAM_TYPES.has(family.type);
}

/** The labels that tell series of a family apart, without the `le` / `quantile` of its buckets. */
export function seriesLabels(family: MetricFamily, labels: Record<string, string>): Record<string, string> {
  const structural = isHistogram(family) ? "le" : family.type === "summary" ? "quantile" : undefined;
  if (structural === undefined || !(structural in labels)) return labels;
  const { [structural]: _dropped, ...rest } = labels;
  return rest;
}

/** `{route="/a",code="200"}`, or `{}`. */
export function formatLabels(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return `{${parts.join(",")}}`;
}
