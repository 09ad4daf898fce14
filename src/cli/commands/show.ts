import type { Checklist, Item } from "../../checklist/index.js";
import { GonogoError } from "../../core/errors.js";
import { renderHtml } from "../../report/html.js";
import type { JsonReport } from "../../report/json.js";
import { renderJunit } from "../../report/junit.js";
import { renderMarkdown } from "../../report/markdown.js";
import { colourWanted, createStyle } from "../../report/style.js";
import { renderText } from "../../report/text.js";
import type { StoredRun } from "../../store/index.js";
import type { Assessment } from "../../verdict/assessment.js";
import type { Summary } from "../../verdict/score.js";
import { findRun, openExistingStore, printJson, type StoreFlags, withStore } from "./_store.js";

const FORMATS = ["text", "json", "junit", "markdown", "html"] as const;

export interface ShowOptions extends StoreFlags {
  format?: string;
  verbose?: boolean;
}

/**
 * An Assessment rebuilt from a stored report, so every renderer shows a past run as it showed it
 * then. The document's bytes are not stored: the rebuilt checklist carries what the report does.
 */
export function assessmentFromReport(report: JsonReport): Assessment {
  const children = new Map<string, string[]>();
  for (const item of report.items)
    if (item.parent) children.set(item.parent, [...(children.get(item.parent) ?? []), item.id]);
  const items = report.items.map(
    // Fields added to the model later (form, tags) come through the spread when the report has them.
    (item) =>
      ({ ...item, children: children.get(item.id) ?? [], tick: { offset: 0, char: " " } }) as unknown as Item,
  );
  const checklist = {
    source: {
      path: report.checklist.path,
      bytes: new Uint8Array(),
      text: "",
      encoding: report.checklist.encoding,
      bom: false,
      lineEnding: "none",
      lines: [],
      lineStarts: [],
      sha256: report.checklist.sha256,
      warnings: report.checklist.warnings,
    },
    title: report.checklist.title,
    sections: report.sections.map(({ summary: _, ...section }) => section),
    items,
    prose: [],
    signoffSlots: report.signoffSlots,
    tables: [],
    levelLadder: null,
  } as unknown as Checklist;
  return {
    checklist,
    statuses: new Map(report.items.map((i) => [i.id, i.status])),
    checks: new Map(report.items.filter((i) => i.checks.length > 0).map((i) => [i.id, i.checks])),
    summary: report.summary,
    sections: new Map(report.sections.map((s) => [s.id, s.summary as Summary])),
    lint: report.lint,
    ...(report.verdict ? { verdict: { verdict: report.verdict, gates: report.gates ?? [] } } : {}),
    ...(report.signoffs ? { signoffs: report.signoffs } : {}),
    ...(report.attestations ? { attestations: report.attestations } : {}),
  };
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

/** `gonogo show <run>`: a past run's report, in any format. */
export async function runShow(runArg: string, options: ShowOptions): Promise<number> {
  const format = options.json ? "json" : (options.format ?? "text");
  if (!(FORMATS as readonly string[]).includes(format))
    throw new GonogoError(
      "usage",
      `--format ${format}: not a report format (choose one of ${FORMATS.join(", ")})`,
    );
  const store = await openExistingStore(options);
  return withStore(store, async () => {
    const run = await findRun(store, runArg);
    if (!run.report) {
      if (format === "json") printJson({ run: { ...run, report: undefined }, report: null });
      else process.stdout.write(unfinished(run));
      return 0;
    }
    if (format === "json") {
      printJson(run.report);
      return 0;
    }
    const assessment = assessmentFromReport(run.report);
    if (format === "junit") process.stdout.write(renderJunit(assessment));
    else if (format === "markdown") process.stdout.write(renderMarkdown(assessment));
    else if (format === "html")
      process.stdout.write(renderHtml(assessment, { generatedAt: new Date(run.startedAt) }));
    else {
      const head = `run #${run.id} · ${run.startedAt} · by ${run.runBy}${run.gitCommit ? ` · commit ${run.gitCommit.slice(0, 12)}` : ""}${run.complete ? "" : " · incomplete"}\n\n`;
      const style = createStyle(colourWanted(process.stdout));
      process.stdout.write(head + renderText(assessment, { style, verbose: options.verbose ?? false }));
    }
    return 0;
  });
}
