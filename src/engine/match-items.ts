import { RE2JS } from "re2js";
import type { Checklist, Item, Section } from "../checklist/index.js";

/**
 * How gonogo.yml names an item: its plain text (case, whitespace and Markdown marks such as
 * backticks ignored), its id, or a `/regex/flags` (RE2: linear time, cannot hang a run).
 * Item texts may start with a path ("/api/orders returns JSON"), so a spec is read as a regex
 * only when no item has it as its text or id.
 */
export type ItemMatcher = (item: Item) => boolean;

export function normalizeItemText(text: string): string {
  return text
    .replace(/[`*_~]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

export function compileItemSpec(spec: string, items: Item[] = []): ItemMatcher | { error: string } {
  const wanted = normalizeItemText(spec);
  const byText: ItemMatcher = (item) => item.id === spec || normalizeItemText(item.text) === wanted;
  const regex = /^\/(.+)\/([ims]*)$/s.exec(spec);
  if (regex && !items.some(byText)) {
    try {
      const flags = regex[2] ?? "";
      const pattern = RE2JS.compile(
        regex[1] ?? "",
        (flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0) |
          (flags.includes("m") ? RE2JS.MULTILINE : 0) |
          (flags.includes("s") ? RE2JS.DOTALL : 0),
      );
      return (item) => pattern.matcher(item.text).find();
    } catch (error) {
      return { error: `not a valid regular expression: ${(error as Error).message}` };
    }
  }
  return byText;
}

/** Dice coefficient over character bigrams: a cheap, good-enough "did you mean". */
function similarity(a: string, b: string): number {
  const bigrams = (s: string) => {
    const out = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  for (const [gram, count] of x) shared += Math.min(count, y.get(gram) ?? 0);
  const total = Math.max(1, a.length - 1 + (b.length - 1));
  return (2 * shared) / total;
}

/** The items whose text is closest to `spec`, as `"text" (line N)`. */
export function closestItems(checklist: Checklist, spec: string, count = 3): string[] {
  const wanted = normalizeItemText(spec.replace(/^\/|\/[ims]*$/g, ""));
  return checklist.items
    .map((item) => ({ item, score: similarity(wanted, normalizeItemText(item.text)) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map(({ item }) => `"${item.text}" (line ${item.line})`);
}

/** A section named in gates: "Security" finds "2. Security 🔒" (numbering, emoji and case ignored). */
export function normalizeSectionTitle(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/^\s*(?:\d+[.)]|phase \d+:)\s*/, "")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).join(" ");
}

/**
 * The section a gate names. The shallowest match wins ("Security" as a chapter, not a sub-heading
 * of the same name); several matches at that depth are ambiguous, and the caller says which exist.
 */
export function findSections(checklist: Checklist, name: string): Section[] {
  const wanted = normalizeSectionTitle(name);
  const matches = checklist.sections.filter(
    (s) => s.id === name || normalizeSectionTitle(s.title) === wanted,
  );
  const shallowest = Math.min(...matches.map((s) => s.level));
  return matches.filter((s) => s.level === shallowest);
}

/** How many items a broad-spec warning names; the rest are counted. */
const NAMED_IN_WARNING = 10;

/**
 * The warning for a spec that names several items (`"/o/" covers 4 items: "Backups" (line 3,
 * critical), ...`), or null when it names one. A waiver or attestation written as a pattern can
 * cover far more than its author meant, critical and failing items included: it must not do so
 * silently. `mark` adds a word to an item's place, e.g. "critical".
 */
export function describeBroadSpec(
  spec: string,
  items: Item[],
  mark: (item: Item) => string | null = () => null,
): string | null {
  if (items.length <= 1) return null;
  const named = items.slice(0, NAMED_IN_WARNING).map((item) => {
    const word = mark(item);
    return `"${item.text}" (line ${item.line}${word ? `, ${word}` : ""})`;
  });
  const more = items.length - named.length;
  return `${JSON.stringify(spec)} covers ${items.length} items: ${named.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}
