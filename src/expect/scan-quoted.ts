import { problemAt, type SyntaxProblem, type Token } from "./token.js";

const ESCAPES = new Map([
  ['"', '"'],
  ["'", "'"],
  ["\\", "\\"],
  ["n", "\n"],
  ["t", "\t"],
  ["r", "\r"],
]);

/** Scans `"..."` or `'...'` starting at the opening quote; escapes are \" \' \\ \n \t \r. */
export function scanString(source: string, start: number): Token | SyntaxProblem {
  const quote = source[start];
  let value = "";
  let i = start + 1;
  while (i < source.length) {
    const char = source[i];
    if (char === quote) return { kind: "string", value, start, end: i + 1 };
    if (char === "\\") {
      const escaped = ESCAPES.get(source[i + 1] ?? "");
      if (escaped === undefined) {
        const shown = source[i + 1] === undefined ? "\\" : `\\${source[i + 1]}`;
        return problemAt(i, `unknown escape "${shown}" in string (escapes: \\" \\' \\\\ \\n \\t \\r)`);
      }
      value += escaped;
      i += 2;
    } else {
      value += char;
      i += 1;
    }
  }
  return problemAt(start, `unclosed string: add a closing ${quote}`);
}

/**
 * Scans `/source/flags` starting at the opening slash. The source is kept as written (`\/` included,
 * which RE2 reads as a slash); flags are any letters after it and are checked by the parser.
 */
export function scanRegex(source: string, start: number): Token | SyntaxProblem {
  let i = start + 1;
  while (i < source.length && source[i] !== "/") {
    i += source[i] === "\\" ? 2 : 1;
  }
  if (i >= source.length) return problemAt(start, "unclosed regex: add a closing /");
  const pattern = source.slice(start + 1, i);
  if (pattern === "") return problemAt(start, "empty regex: write a pattern between the slashes, e.g. /ok/");
  const flagsStart = i + 1;
  let end = flagsStart;
  while (end < source.length && /[A-Za-z]/.test(source[end] ?? "")) end += 1;
  return { kind: "regex", source: pattern, flags: source.slice(flagsStart, end), flagsStart, start, end };
}
