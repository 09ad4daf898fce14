import { collapseWhitespace } from "./inline-text.js";

// GitHub emoji shortcodes (`:wrench:`, `:lock::key:`) as whole words: markup that renders as an
// emoji, like `**` renders as bold. "Step 1: Setup:" and "10:30:00" are no shortcodes.
const SHORTCODES = /(^|\s)(?::[a-z0-9_+-]*[a-z][a-z0-9_+-]*:)+(?=\s|$)/gi;

/**
 * A section's name as a person reads it: `## :wrench: Maintainability` is "Maintainability" in
 * the report, its id and the names gates use. A heading that is nothing but a shortcode keeps it.
 */
export function headingTitle(text: string): string {
  const plain = collapseWhitespace(text.replace(SHORTCODES, "$1"));
  return plain === "" ? text : plain;
}
