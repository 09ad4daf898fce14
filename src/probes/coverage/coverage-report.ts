/** The four measures a coverage report can hold, as the observables name them. */
export const MEASURES = ["lines", "branches", "functions", "statements"] as const;
export type Measure = (typeof MEASURES)[number];

/** Formats as detected; `istanbul` in the config covers both Istanbul JSON shapes. */
export type ReportFormat = "lcov" | "istanbul-summary" | "istanbul-final" | "cobertura" | "jacoco";

export interface Counts {
  covered: number;
  found: number;
}

export interface FileCoverage {
  /** As the report names it (often absolute, from the machine that ran the tests). */
  file: string;
  lines: Counts;
}

/** A ratio the report states as a figure (Cobertura's `line-rate="0.22"`), with no counts beside it. */
export interface StatedRate {
  /** The attribute it came from, for the evidence: `line-rate`. */
  attribute: string;
  /** As written; a figure that is not a ratio between 0 and 1 is not used. */
  text: string;
}

/** A report reduced to what the probe observes, whatever format it came in. */
export interface CoverageReport {
  format: ReportFormat;
  /** Totals of the measures the report has; a measure it cannot have is left out and said in `unsupported`. */
  totals: Partial<Record<Measure, Counts>>;
  /**
   * Figures the report states without counts. The tool that measured wins over gonogo's recount of
   * the report's details, which may use another method (Cobertura 1.9 counts conditions, not
   * `condition-coverage` lines); the recount is kept as evidence beside it.
   */
  stated?: Partial<Record<Measure, StatedRate>>;
  unsupported: Partial<Record<Measure, string>>;
  files: FileCoverage[];
}

/** A report that is not what its format says: the message names where (`line 12: ...`) and what. */
export class ReportSyntaxError extends Error {}

export function sumCounts(counts: Iterable<Counts>): Counts {
  const total = { covered: 0, found: 0 };
  for (const count of counts) {
    total.covered += count.covered;
    total.found += count.found;
  }
  return total;
}

/** Counts of a hit map: `found` entries, `covered` those hit at least once. */
export function countHits(hits: Iterable<number>): Counts {
  let covered = 0;
  let found = 0;
  for (const hit of hits) {
    found++;
    if (hit > 0) covered++;
  }
  return { covered, found };
}
