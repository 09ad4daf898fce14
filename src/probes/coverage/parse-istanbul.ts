import { z } from "zod";
import {
  type Counts,
  type CoverageReport,
  countHits,
  MEASURES,
  type Measure,
  ReportSyntaxError,
  sumCounts,
} from "./coverage-report.js";

const countsSchema = z.object({ total: z.number().min(0), covered: z.number().min(0) });
const summaryEntrySchema = z.object({
  lines: countsSchema.optional(),
  statements: countsSchema.optional(),
  functions: countsSchema.optional(),
  branches: countsSchema.optional(),
});
const summarySchema = z.record(z.string(), summaryEntrySchema);

/**
 * Istanbul's `json-summary` reporter (`coverage-summary.json`): `total` and one entry per file,
 * each with `{ total, covered, pct }` per measure. Ratios are computed from the counts, not from
 * `pct`, which Istanbul rounds and sets to 100 when nothing was found.
 */
export function parseIstanbulSummary(document: unknown): CoverageReport {
  const entries = validate(summarySchema, document);
  const total = entries.total;
  if (total === undefined) throw new ReportSyntaxError('no "total" entry');
  const totals: Partial<Record<Measure, Counts>> = {};
  const unsupported: Partial<Record<Measure, string>> = {};
  for (const measure of MEASURES) {
    const counts = total[measure];
    if (counts === undefined) unsupported[measure] = `the summary's total has no "${measure}"`;
    else totals[measure] = { covered: counts.covered, found: counts.total };
  }
  const files = Object.entries(entries)
    .filter(([file]) => file !== "total")
    .map(([file, entry]) => ({
      file,
      lines: { covered: entry.lines?.covered ?? 0, found: entry.lines?.total ?? 0 },
    }));
  return { format: "istanbul-summary", totals, unsupported, files };
}

const finalEntrySchema = z.object({
  path: z.string().optional(),
  statementMap: z.record(z.string(), z.object({ start: z.object({ line: z.number() }) })),
  s: z.record(z.string(), z.number()),
  f: z.record(z.string(), z.number()),
  b: z.record(z.string(), z.array(z.number())),
});
const finalSchema = z.record(z.string(), finalEntrySchema);

/**
 * Istanbul's raw `coverage-final.json`: hit counts per statement, function and branch of each file.
 * Lines are derived as Istanbul does: a line is covered when a statement starting on it ran.
 */
export function parseIstanbulFinal(document: unknown): CoverageReport {
  const entries = Object.entries(validate(finalSchema, document));
  const perFile = entries.map(([key, entry]) => {
    const lineHits = new Map<number, number>();
    for (const [id, hits] of Object.entries(entry.s)) {
      const line = entry.statementMap[id]?.start.line;
      if (line !== undefined) lineHits.set(line, Math.max(lineHits.get(line) ?? 0, hits));
    }
    return {
      file: entry.path ?? key,
      lines: countHits(lineHits.values()),
      statements: countHits(Object.values(entry.s)),
      functions: countHits(Object.values(entry.f)),
      branches: countHits(Object.values(entry.b).flat()),
    };
  });
  const total = (measure: Measure) => sumCounts(perFile.map((file) => file[measure]));
  return {
    format: "istanbul-final",
    totals: {
      lines: total("lines"),
      branches: total("branches"),
      functions: total("functions"),
      statements: total("statements"),
    },
    unsupported: {},
    files: perFile.map(({ file, lines }) => ({ file, lines })),
  };
}

/** Which Istanbul JSON this is, by shape: a `total` entry (summary) or per-file `statementMap` (final). */
export function istanbulShape(document: unknown): "istanbul-summary" | "istanbul-final" | undefined {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return undefined;
  const record = document as Record<string, unknown>;
  const total = record.total;
  if (typeof total === "object" && total !== null && "lines" in total) return "istanbul-summary";
  const first = Object.values(record)[0];
  if (typeof first === "object" && first !== null && "statementMap" in first) return "istanbul-final";
  return undefined;
}

function validate<T>(schema: z.ZodType<T>, document: unknown): T {
  const parsed = schema.safeParse(document);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.map(String).join(".") || "the document";
  throw new ReportSyntaxError(`${where}: ${issue?.message ?? "unexpected shape"}`);
}
