/**
 * What an item claims, without what it cites. "Prefer proven technology, see https://…" claims
 * nothing about HTTPS: the `https` is part of a reference. Rules read this text, so a URL, a
 * parenthesis that only holds one, and an aside of examples ("(e.g. Sentry, New Relic)") never
 * make a keyword. A parenthesis that states something ("(>80% coverage)", "(HSTS, CSP)") stays.
 */
const URL = /\b(?:https?|ftp):\/\/[^\s)>\]]+|\bwww\.[\w-]+\.[^\s)>\]]+/gi;

/** "(e.g. …)", "(for example …)", "(see …)", "(like …)", "(ask …)": a pointer, not a claim. */
const ASIDE = /\(\s*(?:e\.\s?g\.?|eg\b|for example|for instance|see|cf\.|like|ask|such as|read)[^()]*\)/gi;

/** A parenthesis left with nothing but punctuation once its URL is gone: "(https://…)" -> "()". */
const EMPTY_PARENS = /\(\s*[\s,.;:/-]*\)/g;

export function claimText(text: string): string {
  return text
    .replace(URL, " ")
    .replace(ASIDE, " ")
    .replace(EMPTY_PARENS, " ")
    .replace(/\s{2,}/g, " ")
    .trim();
}
