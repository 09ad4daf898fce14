import type markdownIt from "markdown-it";
import type { StateCore } from "markdown-it";

type MarkdownIt = ReturnType<typeof markdownIt>;

// What markdown-it's `normalize` rule changes: `\r\n` and `\r` become `\n`, NUL becomes U+FFFD.
const NEEDS_NORMALISING = /[\r\0]/;

/**
 * markdown-it's first core rule, `normalize`, except that a source with no `\r` and no NUL is left
 * as it is. Why: `normalize` replaces every `\n` with itself, which rebuilt a 6.7 MB checklist
 * whole (20,000 replacements) to give back the same text (docs/benchmarks.md, fourth round).
 */
export function normaliseOnlyWhereNeeded(md: MarkdownIt): void {
  md.core.ruler.at("normalize", normaliseLineEndings);
}

/** markdown-it's `normalize` (rules_core/normalize.mjs), skipped where it would change nothing. */
export function normaliseLineEndings(state: StateCore): void {
  if (!NEEDS_NORMALISING.test(state.src)) return;
  state.src = state.src.replace(/\r\n?|\n/g, "\n").replace(/\0/g, "\uFFFD");
}
