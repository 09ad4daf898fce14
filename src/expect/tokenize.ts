import { joinedComparisons } from "./joined-comparisons.js";
import { scanCallArgs } from "./scan-call-args.js";
import { scanRegex, scanString } from "./scan-quoted.js";
import { problemAt, type SyntaxProblem, type Token } from "./token.js";

// Sticky patterns, each matched at one offset: simple enough to be linear, and `u` makes \p{L} work.
const IDENT = /[\p{L}_][\p{L}\p{N}_-]*/uy;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SPACE = /\s+/y;
const SYMBOL_OPS = ["==", "!=", "<=", ">=", "<", ">", "≤", "≥"];
const PUNCT = new Set([".", "[", "]", "%"]);
/** Operators written the wrong way round, as some languages and hand notes do. */
const REVERSED_OPS = new Map([
  ["=<", "<="],
  ["=>", ">="],
  ["=!", "!="],
]);

function matchAt(pattern: RegExp, source: string, offset: number): string | undefined {
  pattern.lastIndex = offset;
  return pattern.exec(source)?.[0];
}

function scanIdent(source: string, start: number, text: string): Token[] | SyntaxProblem {
  const ident: Token = { kind: "ident", text, start, end: start + text.length };
  if (source[ident.end] !== "(") return [ident];
  const args = scanCallArgs(source, ident.end);
  return "problem" in args ? args : [ident, args];
}

function scanNumber(start: number, text: string): Token | SyntaxProblem {
  const value = Number(text);
  if (!Number.isFinite(value)) return problemAt(start, `number ${text} is too large`);
  return { kind: "number", text, value: value === 0 ? 0 : value, start, end: start + text.length };
}

function scanOperator(source: string, start: number): Token | SyntaxProblem {
  const symbol = SYMBOL_OPS.find((op) => source.startsWith(op, start));
  if (symbol) return { kind: "op", text: symbol, start, end: start + symbol.length };
  if (source[start] === "!") {
    const word = matchAt(IDENT, source, start + 1);
    if (word) return { kind: "op", text: `!${word}`, start, end: start + 1 + word.length };
    return problemAt(start, '"!" must be followed by =, contains, matches or exists');
  }
  const pair = source.slice(start, start + 2);
  const meant = REVERSED_OPS.get(pair);
  if (meant) return problemAt(start, `"${pair}" is not an operator: did you mean ${meant}?`);
  if (pair === "&&" || pair === "||") return joinedComparisons(start, pair);
  if (source[start] === "=") return problemAt(start, '"=" is not an operator: write == to compare');
  return problemAt(start, `unexpected character "${String.fromCodePoint(source.codePointAt(start) ?? 0)}"`);
}

function scanOne(source: string, start: number): Token | Token[] | SyntaxProblem {
  const char = source[start] ?? "";
  const ident = matchAt(IDENT, source, start);
  if (ident) return scanIdent(source, start, ident);
  const number = matchAt(NUMBER, source, start);
  if (number) return scanNumber(start, number);
  if (char === '"' || char === "'") return scanString(source, start);
  if (char === "/") return scanRegex(source, start);
  if (PUNCT.has(char)) return { kind: "punct", text: char as "." | "[" | "]" | "%", start, end: start + 1 };
  if (char === "(")
    return problemAt(start, 'unexpected "(": write a call as name(arg) with no space before "("');
  return scanOperator(source, start);
}

/** Splits an expectation into tokens, ending with an `end` token; the first problem stops it. */
export function tokenize(source: string): Token[] | SyntaxProblem {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < source.length) {
    const space = matchAt(SPACE, source, offset);
    if (space) {
      offset += space.length;
      continue;
    }
    const scanned = scanOne(source, offset);
    if ("problem" in scanned) return scanned;
    const batch = Array.isArray(scanned) ? scanned : [scanned];
    tokens.push(...batch);
    offset = batch.at(-1)?.end ?? source.length;
  }
  tokens.push({ kind: "end", start: source.length, end: source.length });
  return tokens;
}
