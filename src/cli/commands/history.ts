import { GonogoError } from "../../core/errors.js";
import { checklistKey, type RunRecord } from "../../store/index.js";
import { formatDuration, openExistingStore, printJson, type StoreFlags, withStore } from "./_store.js";

export interface HistoryOptions extends StoreFlags {
  limit?: string;
}

function row(run: RunRecord): string {
  const took = run.finishedAt ? formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt)) : "-";
  const scores = run.summary
    ? `verified ${run.summary.verifiedPct.toFixed(1)}% · claimed ${run.summary.claimedPct.toFixed(1)}%`
    : "no report";
  const state = run.complete ? "" : "  (incomplete)";
  const when = run.startedAt.replace("T", " ").slice(0, 19);
  return `#${String(run.id).padEnd(5)} ${when}  ${took.padStart(7)}  ${(run.verdict ?? "-").padEnd(5)}  ${scores}  ${run.checklist}${state}`;
}

/** `gonogo history [checklist]`: the recorded runs, newest first. */
export async function runHistory(checklist: string | undefined, options: HistoryOptions): Promise<number> {
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && !(/^\d+$/.test(options.limit ?? "") && limit > 0))
    throw new GonogoError(
      "usage",
      `--limit ${options.limit}: not a number of runs (a whole number, 1 or more)`,
    );
  const store = await openExistingStore({ ...options, ...(checklist ? { checklist } : {}) });
  return withStore(store, async () => {
    const runs = await store.listRuns({
      ...(checklist ? { checklist: checklistKey(checklist) } : {}),
      ...(limit !== undefined ? { limit } : {}),
    });
    if (options.json) {
      printJson(
        runs.map((r) => ({
          id: r.id,
          checklist: r.checklist,
          startedAt: r.startedAt,
          finishedAt: r.finishedAt,
          complete: r.complete,
          verdict: r.verdict,
          summary: r.summary,
          runBy: r.runBy,
          gitCommit: r.gitCommit,
        })),
      );
    } else if (runs.length === 0) process.stdout.write(`no runs recorded in ${store.location}\n`);
    else process.stdout.write(`${runs.map(row).join("\n")}\n`);
    return 0;
  });
}
