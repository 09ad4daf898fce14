import { LRUCache } from "lru-cache";
import type { JsonReport } from "../report/json.js";
import type { RunRecord, Store } from "../store/index.js";

/** Characters of reports kept in memory at most (about twice as many bytes); least recently read go first. */
export const REPORT_CACHE_CHARS = 32 * 1024 * 1024;

/** A finished run as the API serves it: its record and its report as JSON text. */
export interface FinishedReport {
  run: RunRecord;
  /** The JSON report v1, as stored. */
  json: string;
}

/**
 * The reports of finished runs, read from the store once and kept as text: a run's report never
 * changes once written, so `GET /api/v1/runs/:id` answers from memory without a query or a
 * `JSON.stringify`. Bounded by the total length of the texts (`maxChars`); a report larger than
 * a quarter of it is served but not kept. Runs without a report (still running, or killed) are
 * never kept, so a later read finds their report once it is written.
 */
export function reportCache(store: Store, maxChars = REPORT_CACHE_CHARS) {
  const reports = new LRUCache<number, FinishedReport>({
    maxSize: maxChars,
    maxEntrySize: Math.floor(maxChars / 4),
    sizeCalculation: (entry) => Math.max(1, entry.json.length),
  });
  // Parsed parts of a report the checklist view sends (sections, items): kept beside the text.
  const parsed = new LRUCache<number, JsonReport>({ max: 64 });

  return {
    /** The run and its report text; the run alone (`json: null`) when it has no report; undefined when absent. */
    async find(id: number): Promise<FinishedReport | { run: RunRecord; json: null } | undefined> {
      const cached = reports.get(id);
      if (cached) return cached;
      const read = await store.getRunReport(id);
      if (!read) return undefined;
      if (read.report === null) return { run: read.run, json: null };
      const entry = { run: read.run, json: read.report };
      reports.set(id, entry);
      return entry;
    },
    /** The parsed report of a finished run (for the views that pick parts of it). */
    async report(id: number): Promise<JsonReport | undefined> {
      const hit = parsed.get(id);
      if (hit) return hit;
      const found = await this.find(id);
      if (!found?.json) return undefined;
      const report = JSON.parse(found.json) as JsonReport;
      parsed.set(id, report);
      return report;
    },
  };
}

export type ReportCache = ReturnType<typeof reportCache>;
