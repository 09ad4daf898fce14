const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  // Escaped in text too, so `]]>` in an item's text can never end a section it did not open.
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // As references, tabs and line breaks survive attribute-value normalisation (and \r the newline one).
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/**
 * XML 1.0 allows only #x9 #xA #xD, #x20-#xD7FF, #xE000-#xFFFD and #x10000-#x10FFFF, not even as a
 * character reference, so any other code point is written out as `\uXXXX` text; a lone surrogate
 * (a broken UTF-16 string) cannot be encoded at all and becomes U+FFFD.
 */
function allowed(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0xd800 && code <= 0xdfff) return "\ufffd";
  const ok =
    code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xfffd) || code >= 0x10000;
  return ok ? char : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

function escapeWith(text: string, escaped: Set<string>): string {
  let out = "";
  for (const char of text) out += escaped.has(char) ? (ENTITIES[char] as string) : allowed(char);
  return out;
}

const TEXT_ESCAPES = new Set(["&", "<", ">", "\r"]);
const ATTRIBUTE_ESCAPES = new Set(Object.keys(ENTITIES));

/** Character data: `a < b & "c"` becomes `a &lt; b &amp; "c"`. */
export function escapeXmlText(text: string): string {
  return escapeWith(text, TEXT_ESCAPES);
}

/** A double- or single-quoted attribute value, line breaks and tabs kept as character references. */
export function escapeXmlAttribute(text: string): string {
  return escapeWith(text, ATTRIBUTE_ESCAPES);
}
