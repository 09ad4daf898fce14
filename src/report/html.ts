import type { JsonReport } from "../model/report.js";
import { reportVerdict } from "./gate-tally.js";
import { banner, gatesCard, lintCard, sectionsCard, signoffsCard } from "./html/blocks.js";
import { type HistoryPoint, historyChart } from "./html/charts.js";
import { escapeHtml as h } from "./html/escape.js";
import { itemsCard } from "./html/items.js";
import { htmlPage, PAGE_TOOL } from "./html/page.js";
import { checklistName } from "./outline.js";

export type { HistoryPoint, LoadSample } from "./html/charts.js";
export { historyFromRuns, type RunLike } from "./html/history.js";

export interface HtmlOptions {
  /** Past runs, oldest first, for the readiness-over-time chart; no chart when absent or empty. */
  history?: HistoryPoint[];
  /** When the page says it was made; now by default. */
  generatedAt?: Date;
}

/**
 * One self-contained HTML page (inline CSS and SVG, no script, no network): the verdict banner,
 * the gates, section scores, every item with its evidence, sign-offs, and charts of readiness over
 * past runs and of load checks' per-second latency when there is data for them.
 *
 * @example writeFileSync("report.html", renderHtml(report, { history: historyFromRuns(await store.listRuns(…)) }))
 */
export function renderHtml(report: JsonReport, options: HtmlOptions = {}): string {
  const generatedAt = options.generatedAt ?? new Date();
  const tool = PAGE_TOOL;
  const verdict = reportVerdict(report);
  const title = `${verdict ? `${verdict.verdict}: ` : ""}${checklistName(report)}`;
  const body = [
    banner(report, generatedAt, tool),
    verdict ? gatesCard(verdict) : "",
    report.sections.length > 0 ? sectionsCard(report) : "",
    historyChart(options.history ?? []),
    itemsCard(report),
    signoffsCard(report),
    lintCard(report),
  ];
  return htmlPage({
    title,
    blocks: body,
    footer: [h(report.checklist.path), h(generatedAt.toISOString())],
  });
}
