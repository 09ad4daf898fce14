import { RE2JS } from "re2js";
import { LineCursor, LineError } from "../shared/prometheus/exposition/line-cursor.js";
import type { Labels } from "../shared/prometheus/exposition/types.js";

export type MatchOp = "=" | "!=" | "=~" | "!~";

export interface LabelMatcher {
  label: string;
  op: MatchOp;
  value: string;
  /** For =~ and !~: RE2, anchored at both ends as in PromQL. */
  regex?: RE2JS;
}

/** `http_requests_total{route="/a",code=~"5.."}`: a metric name and label matchers, as in PromQL. */
export interface Selector {
  name: string;
  matchers: LabelMatcher[];
}

const METRIC_NAME = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;
const BLANKS = /[ \t]*/y;
const OP = /=~|!~|!=|=/y;
const ESCAPED: Record<string, string> = { "\\": "\\", '"': '"', "'": "'", n: "\n", t: "\t" };

/** Parses a selector as written in an observable's argument, or returns what is wrong with it. */
export function parseSelector(text: string): Selector | { error: string } {
  const cursor: LineCursor = new LineCursor(text.trim());
  try {
    const name =
      cursor.take(METRIC_NAME) ?? cursor.fail(`expected a metric name, found ${cursor.describe()}`);
    cursor.take(BLANKS);
    const matchers = cursor.peek() === "{" ? readMatchers(cursor) : [];
    cursor.take(BLANKS);
    if (!cursor.atEnd()) cursor.fail(`unexpected ${cursor.describe()} after the selector`);
    return { name, matchers };
  } catch (error) {
    if (error instanceof LineError) return { error: `${JSON.stringify(text)}: ${error.message}` };
    throw error;
  }
}

/** True when every matcher holds for `labels` (a missing label is the empty string, as in PromQL). */
export function matchesLabels(matchers: readonly LabelMatcher[], labels: Labels): boolean {
  return matchers.every(({ label, op, value, regex }) => {
    const actual = labels[label] ?? "";
    if (op === "=") return actual === value;
    if (op === "!=") return actual !== value;
    const found = regex?.matches(actual) ?? false;
    return op === "=~" ? found : !found;
  });
}

/** `name{route="/a"}`, for messages. */
export function formatSelector(selector: Selector): string {
  if (selector.matchers.length === 0) return selector.name;
  const parts = selector.matchers.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`);
  return `${selector.name}{${parts.join(",")}}`;
}

function readMatchers(cursor: LineCursor): LabelMatcher[] {
  const matchers: LabelMatcher[] = [];
  cursor.expect("{", '"{"');
  for (;;) {
    cursor.take(BLANKS);
    if (cursor.peek() === "}") break;
    const label = cursor.take(LABEL_NAME) ?? cursor.fail(`expected a label name, found ${cursor.describe()}`);
    cursor.take(BLANKS);
    const op = (cursor.take(OP) ?? cursor.fail(`expected =, !=, =~ or !~ after ${label}`)) as MatchOp;
    cursor.take(BLANKS);
    const value = readString(cursor);
    matchers.push(
      op === "=~" || op === "!~" ? { label, op, value, regex: compile(cursor, value) } : { label, op, value },
    );
    cursor.take(BLANKS);
    if (cursor.peek() !== ",") break;
    cursor.pos += 1;
  }
  cursor.expect("}", '"," or "}"');
  return matchers;
}

function readString(cursor: LineCursor): string {
  const quote = cursor.peek();
  if (quote !== '"' && quote !== "'") cursor.fail(`expected a quoted value, found ${cursor.describe()}`);
  cursor.pos += 1;
  let value = "";
  for (let char = cursor.peek(); char !== quote; char = cursor.peek()) {
    if (char === undefined) cursor.fail("a label value has no closing quote");
    cursor.pos += 1;
    if (char !== "\\") {
      value += char;
      continue;
    }
    const escaped = ESCAPED[cursor.peek() ?? ""];
    if (escaped === undefined) cursor.fail(`invalid escape "\\${cursor.peek() ?? ""}"`);
    value += escaped;
    cursor.pos += 1;
  }
  cursor.pos += 1;
  return value;
}

function compile(cursor: LineCursor, pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (error) {
    return cursor.fail(`invalid regex ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}
