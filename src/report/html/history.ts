import type { HistoryPoint } from "./charts.js";

/** What the chart needs of a stored run (the store's RunRecord has this shape; report/ does not import store/). */
export interface RunLike {
  startedAt: string;
  complete: boolean;
  verdict: "GO" | "NO-GO" | null;
  summary: { verifiedPct: number; claimedPct: number } | null;
}

/**
 * The readiness chart's points from stored runs listed newest first (`store.listRuns`): complete
 * runs with a verdict only, oldest first.
 */
export function historyFromRuns(runs: RunLike[]): HistoryPoint[] {
  return runs
    .filter((r) => r.complete && r.verdict !== null && r.summary !== null)
    .map((r) => ({
      startedAt: r.startedAt,
      verdict: r.verdict as "GO" | "NO-GO",
      verifiedPct: r.summary?.verifiedPct ?? 0,
      claimedPct: r.summary?.claimedPct ?? 0,
    }))
    .reverse();
}
