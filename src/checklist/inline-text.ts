import type { Token } from "markdown-it";
import { repairMojibake } from "./mojibake.js";

export interface InlineTextOptions {
  /** Leave out what links say (their text, an autolink's address): a title or an address is nobody's statement. */
  dropLinks?: boolean;
}

/**
 * Plain text of an inline token: emphasis, code and link markup removed, images as their alt
 * text, raw HTML dropped (`<br>` read as a space), line breaks kept as "\n" so callers can work line by line.
 */
export function inlineLines(inline: Token | undefined, options: InlineTextOptions = {}): string[] {
  return inline ? collapsedLines(rawText(inline, options)) : [];
}

/** The inline's plain text on one line. */
export function inlineText(inline: Token | undefined, options: InlineTextOptions = {}): string {
  if (!inline) return "";
  const text = rawText(inline, options);
  // One line (most item text): the same as joining `inlineLines`, without the arrays.
  if (!text.includes("\n")) return collapseWhitespace(text);
  return collapsedLines(text)
    .filter((line) => line !== "")
    .join(" ");
}

function collapsedLines(text: string): string[] {
  return text.split("\n").map((line) => collapseWhitespace(line));
}

/** The children's text with mojibake repaired; whitespace as written. */
function rawText(inline: Token, options: InlineTextOptions): string {
  let text = "";
  let linkDepth = 0;
  for (const child of inline.children ?? []) {
    if (child.type === "link_open") linkDepth += 1;
    else if (child.type === "link_close") linkDepth = Math.max(0, linkDepth - 1);
    // Line breaks inside a link still count, so line N of the result is line N of `lines`.
    const lineBreak = child.type === "softbreak" || child.type === "hardbreak";
    if (options.dropLinks && linkDepth > 0 && !lineBreak) continue;
    switch (child.type) {
      case "text":
      case "code_inline":
        text += child.content;
        break;
      case "softbreak":
      case "hardbreak":
        text += "\n";
        break;
      case "image":
        text += child.content;
        break;
      case "html_inline":
        // `<br>` separates words (a table header written `public-release<br>stable`); not a line of its own.
        if (/^<br\s*\/?>$/i.test(child.content)) text += " ";
        break;
      default:
        break;
    }
  }
  return repairMojibake(text);
}

// Whitespace that `\s+` -> " " would change: a run of two, or one that is not a plain space.
const UNCOLLAPSED = /\s\s|[^\S ]/;

export function collapseWhitespace(text: string): string {
  // Most text has single spaces only: replacing each with itself rebuilt the string word by word.
  return UNCOLLAPSED.test(text) ? text.replace(/\s+/g, " ").trim() : text.trim();
}
