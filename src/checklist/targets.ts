import { allMatches } from "./all-matches.js";
import { collapseWhitespace } from "./inline-text.js";

/**
 * Numeric targets stated in an item's prose: "p95 latency <300ms" ->
 * { metric: "p95 latency", op: "<", value: 300, unit: "ms" }. Prose has no grammar to parse, so
 * this is deliberately a small scanner: a comparator (symbol or words such as "under", "at least"),
 * a number, an optional unit, and the words before it (within the clause) as the metric.
 */
export type TargetOp = "<" | "<=" | ">" | ">=" | "==";

export interface Target {
  metric: string;
  op: TargetOp;
  value: number;
  /** Normalised unit: ms s m h d, %, B KB MB GB TB KiB MiB GiB TiB; null for plain numbers and ratios. */
  unit: string | null;
  /** The words that stated it, as written: "<300ms". */
  text: string;
}

const OP_WORDS: Record<string, TargetOp> = {
  "<": "<",
  "<=": "<=",
  "=<": "<=",
  "≤": "<=",
  ">": ">",
  ">=": ">=",
  "=>": ">=",
  "≥": ">=",
  "=": "==",
  "==": "==",
  under: "<",
  below: "<",
  "less than": "<",
  "fewer than": "<",
  "at most": "<=",
  "no more than": "<=",
  within: "<=",
  over: ">",
  above: ">",
  "more than": ">",
  "greater than": ">",
  exceeds: ">",
  "at least": ">=",
};

const UNITS: Record<string, string> = {
  ms: "ms", millisecond: "ms", milliseconds: "ms",
  s: "s", sec: "s", secs: "s", second: "s", seconds: "s",
  m: "m", min: "m", mins: "m", minute: "m", minutes: "m",
  h: "h", hr: "h", hrs: "h", hour: "h", hours: "h",
  d: "d", day: "d", days: "d",
  "%": "%",
  b: "B", kb: "KB", mb: "MB", gb: "GB", tb: "TB", kib: "KiB", mib: "MiB", gib: "GiB", tib: "TiB",
}; // biome-ignore format: a table reads better aligned

const OP_PATTERN = Object.keys(OP_WORDS)
  .sort((a, b) => b.length - a.length)
  .map((op) => (/^[a-z]/.test(op) ? `\\b${op.replace(/ /g, "\\s+")}\\b` : op))
  .join("|");
const UNIT_PATTERN = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const COMPARISON = new RegExp(
  `(${OP_PATTERN})\\s*~?\\s*(\\d{1,3}(?:,\\d{3})+|\\d*\\.?\\d+)(?:\\s*(${UNIT_PATTERN}))?(?![\\w%])`,
  "gi",
);
const AT_LEAST_COUNT = /(?<![\w.])(\d+)\+\s+([^,;:()]+)/g;
// Words between which one clause ends and the next begins.
const CLAUSE_PUNCTUATION = ",;:()[]";
const CLAUSE_BREAKS = /[,;:()[\]]|\s[-–—]\s/g;
const LEADING_JOINER = /^\s*(?:(?:and|or|but|while|with|whereas)\b\s*)+/i;
const TRAILING_FILLER = /\s+(?:stays|stay|remains|is|are|should be|must be|be|kept|exist|exists|at)$/i;

export function findTargets(text: string): Target[] {
  const targets: Target[] = [];
  // Every target has a number; most items have none, and this is the hot path on large lists.
  if (!/\d/.test(text)) return targets;
  // A comparison's metric is read from the words after the one before it: in "error rate under
  // 0.5% and p99 latency below 800ms" the second metric is "p99 latency", not everything since the
  // clause began; "p95 < 300ms and < 500ms at peak" leaves no words, so the second is p95's too.
  let previous: { end: number; metric: string } | null = null;
  for (const match of allMatches(COMPARISON, text)) {
    const [whole, opWord = "", number = "", unitWord] = match;
    const op = OP_WORDS[opWord.toLowerCase().replace(/\s+/g, " ")];
    if (!op) continue;
    const unit = unitWord ? (UNITS[unitWord.toLowerCase()] ?? null) : null;
    const metric: string = metricBefore(text, match.index, previous?.end ?? 0) || (previous?.metric ?? "");
    targets.push({ metric, op, value: Number(number.replace(/,/g, "")), unit, text: whole.trim() });
    previous = { end: match.index + whole.length, metric };
  }
  for (const match of allMatches(AT_LEAST_COUNT, text)) {
    const [whole, number = "", words = ""] = match;
    targets.push({
      metric: trimMetric(words),
      op: ">=",
      value: Number(number),
      unit: null,
      text: whole.trim(),
    });
  }
  return targets;
}

/**
 * The words before a comparator, within its clause; the clause before it when that is empty ("size
 * (< 1GB)"). Only the text from `from` on is read (the end of the comparison before this one), and
 * a joining word left at its start ("and", "or", "while") is not part of the metric.
 */
export function metricBefore(text: string, index: number, from = 0): string {
  // The clauses `text.slice(0, index).split(CLAUSE_BREAKS)` would give, last first, without an
  // array of every clause: on long items (two targets each, 300 characters) that split was most
  // of the target scan's memory. The breaks are found left to right as split finds them, since
  // ` - - ` read from the right would break elsewhere.
  const head = text.slice(from, index);
  const breaks = clauseBreaks(head);
  for (let i = breaks.length; i >= 0; i -= 2) {
    const clause = head.slice(breaks[i - 1] ?? 0, breaks[i] ?? head.length);
    const metric = trimMetric(from === 0 ? clause : clause.replace(LEADING_JOINER, ""));
    if (metric !== "") return metric;
  }
  return "";
}

/** Start and end of every clause break in `text`, in order: [start, end, start, end, ...]. */
function clauseBreaks(text: string): number[] {
  const breaks: number[] = [];
  // `test` moves `lastIndex` past each match without building a match array as `exec` does (which
  // cost more than the split). A break is one punctuation mark or a blank, dash and blank: three.
  CLAUSE_BREAKS.lastIndex = 0;
  while (CLAUSE_BREAKS.test(text)) {
    const end = CLAUSE_BREAKS.lastIndex;
    breaks.push(CLAUSE_PUNCTUATION.includes(text.charAt(end - 1)) ? end - 1 : end - 3, end);
  }
  return breaks;
}

function trimMetric(words: string): string {
  let metric = collapseWhitespace(words);
  for (let previous = ""; previous !== metric; ) {
    previous = metric;
    metric = metric.replace(TRAILING_FILLER, "").trim();
  }
  return metric;
}
