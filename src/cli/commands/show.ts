import { parseFormat, renderReport } from "../../report/formats.js";
import { colourWanted, createStyle } from "../../report/style.js";
import type { StoredRun } from "../../store/index.js";
import { findRun, openExistingStore, printJson, type StoreFlags, withStore } from "./_store.js";

export interface ShowOptions extends StoreFlags {
  format?: string;
  verbose?: boolean;
}

/** A run killed before its report: what it had measured, check by check. */
function unfinished(run: StoredRun): string {
  const lines = [
    `run #${run.id} of ${run.checklist} did not finish (started ${run.startedAt} by ${run.runBy}): no verdict`,
    `${run.checks.length} check${run.checks.length === 1 ? "" : "s"} measured before it stopped:`,
    ...run.checks.map((c) => `  ${c.status.padEnd(5)} ${c.id} (${c.probe})${c.error ? `: ${c.error}` : ""}`),
  ];
  return `${lines.join("\n")}\n`;
}

/** Which run it is, above the text report: `run #2 · 2026-…Z · by ana · commit 1a2b3c4d5e6f`. */
function runHeading(run: StoredRun): string {
  const commit = run.gitCommit ? ` · commit ${run.gitCommit.slice(0, 12)}` : "";
  return `run #${run.id} · ${run.startedAt} · by ${run.runBy}${commit}${run.complete ? "" : " · incomplete"}\n\n`;
}

/**
 * `gonogo show <run>`: a past run's report, in any format, drawn from its stored JSON report by the
 * same renderers `verify` uses; the page of an HTML report is dated when the run started.
 */
export async function runShow(runArg: string, options: ShowOptions): Promise<number> {
  const format = parseFormat(options.json ? "json" : (options.format ?? "text"));
  const store = await openExistingStore(options);
  return withStore(store, async () => {
    const run = await findRun(store, runArg);
    if (!run.report) {
      if (format === "json") printJson({ run: { ...run, report: undefined }, report: null });
      else process.stdout.write(unfinished(run));
      return 0;
    }
    const rendered = renderReport(format, run.report, {
      style: createStyle(colourWanted(process.stdout)),
      verbose: options.verbose ?? false,
      generatedAt: new Date(run.startedAt),
    });
    process.stdout.write(format === "text" ? runHeading(run) + rendered : rendered);
    return 0;
  });
}
