import type { Token } from "markdown-it";
import { repairMojibake } from "./mojibake.js";

/**
 * Plain text of an inline token: emphasis, code and link markup removed, images as their alt
 * text, raw HTML dropped, line breaks kept as "\n" so callers can work line by line.
 */
export function inlineLines(inline: Token | undefined): string[] {
  return inline ? collapsedLines(rawText(inline)) : [];
}

/** The inline's plain text on one line. */
export function inlineText(inline: Token | undefined): string {
  if (!inline) return "";
  const text = rawText(inline);
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
function rawText(inline: Token): string {
  let text = "";
  for (const child of inline.children ?? []) {
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
      default:
        break;
    }
  }
  return repairMojibake(text);
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
