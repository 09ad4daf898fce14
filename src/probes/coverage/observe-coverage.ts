import type { Observations } from "../../core/observation.js";
import type { ProbeResult } from "../types.js";
import {
  type Counts,
  type CoverageReport,
  type FileCoverage,
  MEASURES,
  type StatedRate,
} from "./coverage-report.js";

const LEAST_COVERED = 5;

/**
 * Observations of a parsed report: each measure as a ratio (0.8333 for 83.33%) and the number of
 * files. A measure the format lacks, or one with nothing found, is left out with its reason under
 * `absent` in the evidence: never 0, never 100%. A figure the report states without counts is the
 * one observed, its details' recount shown beside it in `totals`.
 */
export function observeCoverage(report: CoverageReport, file: string): ProbeResult {
  const observations: Observations = {};
  const absent: Record<string, string> = {};
  const totals: Record<string, string> = {};
  for (const measure of MEASURES) {
    const counts = report.totals[measure];
    if (counts === undefined) {
      absent[measure] = report.unsupported[measure] ?? `the report has no ${measure} counts`;
      continue;
    }
    totals[measure] = `${counts.covered}/${counts.found}`;
    const problem = countsProblem(counts, measure);
    const stated = report.stated?.[measure];
    if (problem !== undefined) absent[measure] = problem;
    else if (stated === undefined) observations[measure] = counts.covered / counts.found;
    else {
      const figure = statedFigure(stated);
      if (typeof figure === "string") absent[measure] = figure;
      else observations[measure] = figure;
      totals[measure] =
        `${stated.attribute}="${stated.text}" as the report states (its details count ${counts.covered}/${counts.found})`;
    }
  }
  observations.files = report.files.length;
  return {
    observations,
    evidence: {
      report: file,
      format: report.format,
      totals,
      ...(Object.keys(absent).length > 0 && { absent }),
      leastCovered: leastCovered(report.files),
    },
  };
}

/** A stated figure as a ratio, or why it cannot be one. */
function statedFigure(stated: StatedRate): number | string {
  const ratio = Number(stated.text);
  const valid = stated.text.trim() !== "" && Number.isFinite(ratio) && ratio >= 0 && ratio <= 1;
  return valid
    ? ratio
    : `the report states ${stated.attribute}="${stated.text}", not a ratio between 0 and 1`;
}

function countsProblem(counts: Counts, measure: string): string | undefined {
  if (counts.found === 0) return `no ${measure} found in the report (0 of 0): nothing was measured`;
  const consistent = counts.covered >= 0 && counts.covered <= counts.found;
  return consistent ? undefined : `the report counts ${counts.covered} of ${counts.found} ${measure} covered`;
}

/** The files with the lowest line coverage (most missed lines first among equals); files with no lines are skipped. */
export function leastCovered(files: FileCoverage[], count = LEAST_COVERED) {
  return files
    .filter((entry) => entry.lines.found > 0)
    .map((entry) => ({ ...entry, ratio: entry.lines.covered / entry.lines.found }))
    .sort(
      (a, b) =>
        a.ratio - b.ratio ||
        b.lines.found - b.lines.covered - (a.lines.found - a.lines.covered) ||
        a.file.localeCompare(b.file),
    )
    .slice(0, count)
    .map((entry) => ({
      file: entry.file,
      lines: entry.ratio,
      covered: entry.lines.covered,
      found: entry.lines.found,
    }));
}
