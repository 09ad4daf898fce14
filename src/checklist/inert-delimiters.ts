import type markdownIt from "markdown-it";
import type { StateInline } from "markdown-it";

type MarkdownIt = ReturnType<typeof markdownIt>;

const UNDERSCORE = 0x5f;
const ASTERISK = 0x2a;

/**
 * A run of `_` or `*` that can neither open nor close emphasis (`____` between blanks, the `_` of
 * `snake_case`) is plain text: it goes where the text rule puts text. markdown-it's emphasis rule
 * makes a text token and a delimiter for each of its characters all the same, and joins the tokens
 * back into the text around them at the end: four of each for every sign-off blank (`Date: ____`).
 * A small saving (callgrind: 0.6% of `status` on a sign-off block per section, 1.9% on the mixed
 * shape; docs/benchmarks.md, seventh round). Such a delimiter is never matched and never ends a
 * run of another, so leaving it out changes no emphasis, and the tokens come out the same (tested
 * against markdown-it's own).
 */
function inertDelimiterRun(state: StateInline, silent: boolean): boolean {
  // In silent mode markdown-it's emphasis rule answers false, and a caller skips one character.
  if (silent) return false;
  const marker = state.src.charCodeAt(state.pos);
  if (marker !== UNDERSCORE && marker !== ASTERISK) return false;
  const run = state.scanDelims(state.pos, marker === ASTERISK);
  if (run.can_open || run.can_close) return false;
  state.pending += state.src.slice(state.pos, state.pos + run.length);
  state.pos += run.length;
  return true;
}

/** Reads inert `_` and `*` runs as text, ahead of markdown-it's emphasis rule. */
export function readInertDelimitersAsText(md: MarkdownIt): void {
  md.inline.ruler.before("emphasis", "gonogo_inert_delimiters", inertDelimiterRun);
}
