import type { Checklist, Item } from "../checklist/index.js";

/**
 * The item's own Markdown, as written: the checklist model keeps plain text only (backticks
 * removed), so code spans are read back from the source. An item's text starts on its marker line
 * (`item.line`, 1-based, in `checklist.source.lines`) and continues on the following lines until a
 * blank line, another list marker, a heading or a fence.
 */
export function itemSource(checklist: Checklist, item: Item): string {
  const lines = checklist.source.lines;
  const first = (lines[item.line - 1] ?? "").replace(/^[\s>]*(?:[-*+]|\d{1,9}[.)])\s+\[[ \txX]\]\s*/, "");
  const parts = [first];
  for (let i = item.line; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^\s*$|^[\s>]*(?:[-*+]|\d{1,9}[.)])(?:\s|$)|^\s*(?:#{1,6}\s|```|~~~)/.test(line)) break;
    parts.push(line.trim());
  }
  return parts.join(" ");
}

/** Backtick code spans of a Markdown line (`` `a` ``, ``` ``a`b`` ```), their content trimmed. */
export function codeSpans(markdown: string): string[] {
  const spans: string[] = [];
  for (const match of markdown.matchAll(/(`+)(.+?)\1(?!`)/g)) {
    const content = (match[2] ?? "").trim();
    if (content !== "") spans.push(content);
  }
  return spans;
}

const FENCE = /^(\s*)(`{3,}|~{3,})/;

/**
 * The lines of a fenced code block written directly under the item (after its text, indented
 * inside its list item), as in "- [ ] Baseline load test passes" followed by a ```bash block: the
 * block says how the item is checked. Empty when the item has none.
 */
export function fencedBlock(checklist: Checklist, item: Item): string[] {
  const lines = checklist.source.lines;
  const marker = /^(\s*)/.exec(lines[item.line - 1] ?? "")?.[1]?.length ?? 0;
  let at = item.line;
  while (at < lines.length && !/^\s*$/.test(lines[at] ?? "") && !FENCE.test(lines[at] ?? "")) {
    if (/^[\s>]*(?:[-*+]|\d{1,9}[.)])(?:\s|$)|^\s*#{1,6}\s/.test(lines[at] ?? "")) return [];
    at++;
  }
  const open = FENCE.exec(lines[at] ?? "");
  if (!open || (open[1] ?? "").length <= marker) return [];
  const close = new RegExp(`^\\s*${(open[2] ?? "").charAt(0)}{${(open[2] ?? "").length},}\\s*$`);
  const block: string[] = [];
  for (let i = at + 1; i < lines.length && !close.test(lines[i] ?? ""); i++)
    block.push((lines[i] ?? "").trim());
  return block;
}
