import { LineCursor } from "./line-cursor.js";
import { parseFloatValue, parseTimestamp } from "./parse-number.js";
import type { ExpositionFormat, Labels } from "./types.js";

const METRIC_NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const BLANKS = /[ \t]+/y;
const TOKEN = /[^ \t]+/y;
const ESCAPED: Record<string, string> = { "\\": "\\", '"': '"', n: "\n" };

export interface SampleLine {
  name: string;
  labels: Labels;
  value: number;
  timestampMs?: number;
  /** OpenMetrics: the line carried an exemplar (checked, then dropped); only some samples may. */
  exemplar?: true;
}

/**
 * One sample line. Text format: `name [{labels}] value [timestamp]`, tokens apart by blanks or tabs;
 * OpenMetrics: the same with exactly one space between tokens, a timestamp in seconds and an
 * optional exemplar (` # {labels} value [timestamp]`), which is checked and dropped.
 */
export function parseSampleLine(text: string, format: ExpositionFormat): SampleLine {
  const om = format === "openmetrics";
  const cursor: LineCursor = new LineCursor(text);
  if (!om) cursor.take(BLANKS);
  const name = cursor.take(METRIC_NAME) ?? cursor.fail(`expected a metric name, found ${cursor.describe()}`);
  const gap = om ? undefined : cursor.take(BLANKS);
  let labels: Labels = {};
  if (cursor.peek() === "{") {
    labels = parseLabelSet(cursor, om);
    // The text format needs no blank between "}" and the value.
    if (om) separator(cursor, om, "before the value");
    else cursor.take(BLANKS);
  } else if (gap === undefined) separator(cursor, om, "before the value");
  const value = readNumber(cursor, "value");
  const sample: SampleLine = { name, labels, value };
  if (om) return readOpenMetricsTail(cursor, sample);
  if (cursor.take(BLANKS) !== undefined && !cursor.atEnd()) {
    sample.timestampMs = readTimestamp(cursor, false);
    cursor.take(BLANKS);
  }
  if (!cursor.atEnd()) cursor.fail(`unexpected ${cursor.describe()} after the ${sampleEnd(sample)}`);
  return sample;
}

/** `{a="1",b="x\"y"}`: label names once each, values in double quotes with \\ \" \n escapes. */
export function parseLabelSet(cursor: LineCursor, om: boolean): Labels {
  const labels: Labels = {};
  cursor.expect("{", '"{"');
  for (;;) {
    if (!om) cursor.take(BLANKS);
    if (cursor.peek() === "}" && (!om || Object.keys(labels).length === 0)) break;
    const name = cursor.take(LABEL_NAME) ?? cursor.fail(`expected a label name, found ${cursor.describe()}`);
    if (name === "__name__") cursor.fail('the label name "__name__" is reserved');
    if (Object.hasOwn(labels, name)) cursor.fail(`label "${name}" appears twice`);
    if (!om) cursor.take(BLANKS);
    cursor.expect("=", `"=" after label ${name}`);
    if (!om) cursor.take(BLANKS);
    labels[name] = readQuoted(cursor, name, om);
    if (!om) cursor.take(BLANKS);
    if (cursor.peek() !== ",") break;
    cursor.pos += 1;
  }
  cursor.expect("}", '"," or "}"');
  return labels;
}

/**
 * A quoted label value. `\\`, `\"` and `\n` are escapes in both formats; any other backslash is an
 * error in the text format (as in Prometheus' expfmt parser) and kept as written in OpenMetrics (as its
 * parser test suite says: `"C:\temp"` is `C:\temp`).
 */
function readQuoted(cursor: LineCursor, label: string, om: boolean): string {
  cursor.expect('"', `a quoted value for label ${label}`);
  let value = "";
  for (let char = cursor.peek(); char !== '"'; char = cursor.peek()) {
    if (char === undefined) cursor.fail(`the value of label ${label} has no closing quote`);
    cursor.pos += 1;
    if (char !== "\\") {
      value += char;
      continue;
    }
    const escaped = cursor.peek();
    const replacement = escaped === undefined ? undefined : ESCAPED[escaped];
    if (replacement !== undefined) {
      value += replacement;
      cursor.pos += 1;
    } else if (om) value += char;
    else cursor.fail(`invalid escape "\\${escaped ?? ""}" (only \\\\, \\" and \\n)`);
  }
  cursor.pos += 1;
  return value;
}

function separator(cursor: LineCursor, om: boolean, where: string): void {
  const found = om ? cursor.take(/ /y) : cursor.take(BLANKS);
  if (found === undefined) cursor.fail(`expected a space ${where}, found ${cursor.describe()}`);
}

function readNumber(cursor: LineCursor, what: string): number {
  const token = cursor.take(TOKEN) ?? cursor.fail(`expected a ${what}, found ${cursor.describe()}`);
  const value = parseFloatValue(token);
  if (value === undefined) cursor.fail(`expected a number as ${what}, found ${JSON.stringify(token)}`);
  return value;
}

function readTimestamp(cursor: LineCursor, om: boolean): number {
  const token = cursor.take(TOKEN) ?? cursor.fail(`expected a timestamp, found ${cursor.describe()}`);
  const ms = parseTimestamp(token, om);
  const unit = om ? "seconds" : "integer milliseconds";
  if (ms === undefined) cursor.fail(`expected a timestamp (${unit}), found ${JSON.stringify(token)}`);
  return ms;
}

function readOpenMetricsTail(cursor: LineCursor, sample: SampleLine): SampleLine {
  if (cursor.atEnd()) return sample;
  separator(cursor, true, `after the value`);
  if (cursor.peek() !== "#") {
    sample.timestampMs = readTimestamp(cursor, true);
    if (cursor.atEnd()) return sample;
    separator(cursor, true, "after the timestamp");
  }
  if (cursor.take(/# /y) === undefined)
    cursor.fail(`unexpected ${cursor.describe()} after the ${sampleEnd(sample)}`);
  parseLabelSet(cursor, true);
  separator(cursor, true, "before the exemplar value");
  readNumber(cursor, "exemplar value");
  if (cursor.take(/ /y) !== undefined) readTimestamp(cursor, true);
  if (!cursor.atEnd()) cursor.fail(`unexpected ${cursor.describe()} after the exemplar`);
  return { ...sample, exemplar: true };
}

function sampleEnd(sample: SampleLine): string {
  return sample.timestampMs === undefined ? "value" : "timestamp";
}
