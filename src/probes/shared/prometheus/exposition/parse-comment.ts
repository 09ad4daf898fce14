import { LineCursor } from "./line-cursor.js";
import type { ExpositionFormat, MetricType } from "./types.js";

export type CommentLine =
  | { kind: "help"; name: string; help: string }
  | { kind: "type"; name: string; type: MetricType }
  | { kind: "unit"; name: string; unit: string }
  | { kind: "eof" }
  | { kind: "comment" };

const TEXT_TYPES: readonly MetricType[] = ["counter", "gauge", "histogram", "summary", "untyped"];
const OM_TYPES: readonly MetricType[] = [
  "counter",
  "gauge",
  "histogram",
  "gaugehistogram",
  "summary",
  "info",
  "stateset",
  "unknown",
];

const METRIC_NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const BLANKS = /[ \t]+/y;

/**
 * A line starting with `#`. Text format: `# HELP name text` and `# TYPE name type`, blanks or tabs
 * apart; any other `#` line is a comment. OpenMetrics: `# HELP`, `# TYPE`, `# UNIT` and `# EOF`
 * only, one space apart.
 */
export function parseCommentLine(text: string, format: ExpositionFormat): CommentLine {
  const om = format === "openmetrics";
  const cursor: LineCursor = new LineCursor(text);
  cursor.expect("#", '"#"');
  if (om && text === "# EOF") return { kind: "eof" };
  const keyword = om ? cursor.take(/ (HELP|TYPE|UNIT) /y)?.trim() : textKeyword(cursor);
  if (keyword === undefined) {
    if (om)
      cursor.fail(
        `unexpected comment ${JSON.stringify(text)}: OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF`,
      );
    return { kind: "comment" };
  }
  const name = cursor.take(METRIC_NAME) ?? cursor.fail(`expected a metric name, found ${cursor.describe()}`);
  const gap = om ? cursor.take(/ /y) : cursor.take(BLANKS);
  if (!cursor.atEnd() && gap === undefined)
    cursor.fail(`expected a space after ${name}, found ${cursor.describe()}`);
  // OpenMetrics' grammar ends HELP and UNIT with `SP *char`: the space is there even when nothing follows.
  if (om && gap === undefined && keyword !== "TYPE") {
    const what = keyword === "HELP" ? "the help text" : "the unit";
    cursor.fail(`"# ${keyword} ${name}" needs a space after the name, then ${what} (which may be empty)`);
  }
  if (keyword === "HELP") return { kind: "help", name, help: unescapeHelp(cursor, om) };
  if (keyword === "UNIT") return { kind: "unit", name, unit: cursor.rest() };
  const written = om ? cursor.rest() : cursor.rest().trimEnd();
  const types = om ? OM_TYPES : TEXT_TYPES;
  const type = types.find((known) => known === written);
  if (type === undefined)
    cursor.fail(`unknown metric type ${JSON.stringify(written)} (types: ${types.join(", ")})`);
  return { kind: "type", name, type };
}

/** `# HELP` / `#TYPE` and blanks after it; undefined for any other comment. */
function textKeyword(cursor: LineCursor): string | undefined {
  cursor.take(BLANKS);
  const keyword = cursor.take(/(HELP|TYPE)(?=[ \t])/y);
  if (keyword !== undefined) cursor.take(BLANKS);
  return keyword;
}

/**
 * Text format escapes `\\` and `\n` in help text and refuses any other. OpenMetrics also `\"`, and
 * keeps any other backslash as written (`\t` stays two characters), as its parser test suite says.
 */
function unescapeHelp(cursor: LineCursor, om: boolean): string {
  const rest = cursor.rest();
  return rest.replace(/\\(.?)/g, (match, char: string) => {
    if (char === "\\") return "\\";
    if (char === "n") return "\n";
    if (char === '"' && om) return '"';
    if (om) return match;
    const allowed = om ? '\\\\, \\" and \\n' : "\\\\ and \\n";
    return cursor.fail(`invalid escape "\\${char}" in help text (only ${allowed})`);
  });
}
