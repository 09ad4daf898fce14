import type { ExpectParseError } from "./types.js";

/** Characters (code points) before a UTF-16 offset, so the caret lines up under `≥` or `µs`. */
function charactersBefore(source: string, offset: number): number {
  return Array.from(source.slice(0, offset)).length;
}

/**
 * Builds the user-facing error: the source on one line, then a caret under the offending token
 * followed by the message. Tabs and line breaks print as spaces so the caret stays aligned.
 */
export function expectParseError(source: string, offset: number, message: string): ExpectParseError {
  const before = charactersBefore(source, Math.min(Math.max(offset, 0), source.length));
  const line = source.replace(/[\t\n\r\v\f]/g, " ");
  return { message, column: before + 1, pretty: `${line}\n${" ".repeat(before)}^ ${message}` };
}
