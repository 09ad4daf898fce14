// Backslash-escapable punctuation that could start markup inside a line: emphasis, code, links,
// images, HTML, tables (`|`), strikethrough (`~`), GitHub math (`$`) and entities (`&`).
const INLINE_MARKUP = /[\\`*_[\]<>|~!#$&]/g;

/** Item text as literal Markdown, safe in a paragraph, a list item or a table cell: `a|b*` → `a\|b\*`. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(INLINE_MARKUP, (char) => `\\${char}`);
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** An inline code span that holds any text, backticks included (CommonMark: a longer fence). */
export function codeSpan(text: string): string {
  const fence = "`".repeat(longestRun(text, "`") + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text.replace(/[\r\n]+/g, " ")}${pad}${fence}`;
}

/** A fenced code block, indented to sit inside a list item; its fence outlasts any backtick run inside. */
export function fencedBlock(lines: string[], indent = ""): string[] {
  const fence = "`".repeat(Math.max(3, longestRun(lines.join("\n"), "`") + 1));
  return [`${indent}${fence}`, ...lines.map((line) => `${indent}${line}`), `${indent}${fence}`];
}
