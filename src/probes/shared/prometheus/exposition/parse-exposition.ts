import { FamilyBuilder } from "./family-builder.js";
import { LineError } from "./line-cursor.js";
import { parseCommentLine } from "./parse-comment.js";
import { parseSampleLine } from "./parse-sample.js";
import type { Exposition, ExpositionError, ExpositionFormat } from "./types.js";

export type ParsedExposition = { ok: true; exposition: Exposition } | { ok: false; error: ExpositionError };

const BLANK_LINE = /^[ \t]*$/;
const TEXT_COMMENT = /^[ \t]*#/;

/**
 * Parses a scrape body in the text format (0.0.4) or OpenMetrics 1.0 into metric families, or says
 * at which line and why it is not one. No maintained npm parser reads both formats with line-numbered
 * errors (parse-prometheus-text-format, the one npm offers, knows neither OpenMetrics nor `# EOF`), so
 * this is our own, one function per grammar rule: parse-sample.ts, parse-comment.ts, family-builder.ts.
 *
 * @example parseExposition('# TYPE up gauge\nup 1\n', "text") // families: up (gauge, 1 sample)
 */
export function parseExposition(body: string, format: ExpositionFormat): ParsedExposition {
  const om = format === "openmetrics";
  const builder = new FamilyBuilder(format);
  const lines = body.split("\n");
  let eofAt = 0;
  for (const [index, text] of lines.entries()) {
    const line = index + 1;
    const last = index === lines.length - 1;
    try {
      if (eofAt > 0) {
        if (last && text === "") break;
        throw new LineError(`unexpected ${JSON.stringify(text.slice(0, 40))} after # EOF`);
      }
      if (om ? text === "" : BLANK_LINE.test(text)) {
        if (om && !last) throw new LineError("empty line (OpenMetrics allows none)");
        continue;
      }
      if (om ? text.startsWith("#") : TEXT_COMMENT.test(text)) {
        const comment = parseCommentLine(om ? text : text.trimStart(), format);
        if (comment.kind === "eof") eofAt = line;
        else if (comment.kind !== "comment") builder.declare(comment);
        continue;
      }
      builder.add(parseSampleLine(text, format), line);
    } catch (error) {
      if (error instanceof LineError) return { ok: false, error: { line, message: error.message } };
      throw error;
    }
  }
  if (om && eofAt === 0) {
    const message = "no # EOF at the end: OpenMetrics requires it (was the body cut off?)";
    return { ok: false, error: { line: lines.length, message } };
  }
  return { ok: true, exposition: { format, families: builder.families } };
}
