import { GonogoError } from "../core/errors.js";
import type { JsonReport } from "../model/report.js";
import { type HistoryPoint, renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { createStyle, type Style } from "./style.js";
import { renderText } from "./text.js";

/** The report formats, as `--format` names them. */
export const FORMATS = ["text", "json", "junit", "markdown", "html"] as const;
export type Format = (typeof FORMATS)[number];

/** What a format may take beside the report; each reads only its own. */
export interface RenderOptions {
  /** text: colours on or off (off by default). */
  style?: Style;
  /** text: list passing items too. */
  verbose?: boolean;
  /** html: past runs, oldest first, for the readiness chart. */
  history?: HistoryPoint[];
  /** html: when the page says it was made; now by default. */
  generatedAt?: Date;
}

const RENDERERS: Record<Format, (report: JsonReport, options: RenderOptions) => string> = {
  text: (report, { style = createStyle(false), verbose = false }) => renderText(report, { style, verbose }),
  json: (report) => renderJson(report),
  junit: (report) => renderJunit(report),
  markdown: (report) => renderMarkdown(report),
  html: (report, { history, generatedAt }) =>
    renderHtml(report, { ...(history ? { history } : {}), ...(generatedAt ? { generatedAt } : {}) }),
};

/**
 * A report in one format: the one map from format to renderer, for `verify`, `show` and the server.
 *
 * @example renderReport("markdown", run.report)
 */
export function renderReport(format: Format, report: JsonReport, options: RenderOptions = {}): string {
  return RENDERERS[format](report, options);
}

/** `--format NAME` as a format; a usage error (exit 2) naming the formats there are otherwise. */
export function parseFormat(name: string): Format {
  if ((FORMATS as readonly string[]).includes(name)) return name as Format;
  throw new GonogoError(
    "usage",
    `--format ${name}: not a report format (choose one of ${FORMATS.join(", ")})`,
  );
}
