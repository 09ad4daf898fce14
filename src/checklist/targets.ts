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
const CLAUSE_BREAK = /[,;:()[\]]|\s[-–—]\s/;
const TRAILING_FILLER = /\s+(?:stays|stay|remains|is|are|should be|must be|be|kept|exist|exists|at)$/i;

export function findTargets(text: string): Target[] {
  const targets: Target[] = [];
  // Every target has a number; most items have none, and this is the hot path on large lists.
  if (!/\d/.test(text)) return targets;
  for (const match of allMatches(COMPARISON, text)) {
    const [whole, opWord = "", number = "", unitWord] = match;
    const op = OP_WORDS[opWord.toLowerCase().replace(/\s+/g, " ")];
    if (!op) continue;
    const unit = unitWord ? (UNITS[unitWord.toLowerCase()] ?? null) : null;
    const metric = metricBefore(text, match.index);
    targets.push({ metric, op, value: Number(number.replace(/,/g, "")), unit, text: whole.trim() });
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

/** The words before a comparator, within its clause; the clause before it when that is empty ("size (< 1GB)"). */
function metricBefore(text: string, index: number): string {
  const clauses = text.slice(0, index).split(CLAUSE_BREAK);
  for (let i = clauses.length - 1; i >= 0; i--) {
    const metric = trimMetric(clauses[i] ?? "");
    if (metric !== "") return metric;
  }
  return "";
}

function trimMetric(words: string): string {
  let metric = collapseWhitespace(words);
  for (let previous = ""; previous !== metric; ) {
    previous = metric;
    metric = metric.replace(TRAILING_FILLER, "").trim();
  }
  return metric;
}
