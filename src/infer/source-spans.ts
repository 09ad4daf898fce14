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
