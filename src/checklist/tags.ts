import { allMatches } from "./all-matches.js";

/**
 * Item tags: `level:B`, `priority:critical`, `priority:p0`. Priorities written in words fold onto
 * three names so that "Must have", "Critical" and `#critical` select the same items:
 *   critical <- critical, must, must have, required, mandatory, blocker
 *   should   <- should, should have, important, recommended
 *   nice     <- nice to have, could, could have, optional
 * P0-P4 stay what they are (`priority:p0`); any other value is kept as its slug ("High" -> `priority:high`).
 */
const PRIORITY_WORDS: [RegExp, string][] = [
  [/^(?:critical|must(?: have)?|required|mandatory|blocker)$/, "critical"],
  [/^(?:should(?: have)?|important|recommended)$/, "should"],
  [/^(?:nice(?: to have)?|could(?: have)?|optional)$/, "nice"],
  [/^(p[0-4])$/, "$1"],
];

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** `priority:<name>` for a priority value, or null for an empty or unreadable one. */
export function priorityTag(value: string): string | null {
  const words = value
    .toLowerCase()
    .replace(/[-_]+/g, " ")
    .replace(/[^a-z0-9 ]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (words === "") return null;
  for (const [pattern, name] of PRIORITY_WORDS) {
    if (pattern.test(words)) return `priority:${words.replace(pattern, name)}`;
  }
  const rest = slug(words);
  return rest === "" ? null : `priority:${rest}`;
}

// "B", "Level B", "L2", "Level 2": a rung on a readiness ladder.
// A bare value is one letter, "AA"/"AAA" or a number, so "Low" or "Med" stay priorities.
const LEVEL_VALUE = /^(?:(?:level|lvl|tier|grade|stage)\s*[-:]?\s*)?([A-Z]|A{2,3}|\d{1,2})$/i;
const SHORT_LEVEL = /^L(\d{1,2})$/i;

/** The level name in "Level B", "B", "L2", or null when the value names no rung. */
export function levelName(value: string): string | null {
  const text = value.trim();
  const match = SHORT_LEVEL.exec(text) ?? LEVEL_VALUE.exec(text);
  return match?.[1] ? match[1].toUpperCase() : null;
}

/** A value of a Level or Priority cell as a tag: a rung (`level:B`) or a priority. */
export function levelOrPriorityTag(value: string): string | null {
  const level = levelName(value);
  return level ? `level:${level}` : priorityTag(value);
}

// `#critical`, `#p0`, `#level:B` after a space; `(P0)` or `[P1]` anywhere. "issue #123" is no tag.
const HASH_TAG = /(?:^|\s)#([A-Za-z][\w-]*(?::[\w-]+)?)(?=$|[\s.,;)])/g;
const PAREN_PRIORITY = /[([](P[0-4])[)\]]/gi;

/** Tags written in a task item's own text; the text itself is left as it is (ids stay stable). */
export function tagsInText(text: string): string[] {
  const tags: string[] = [];
  for (const match of allMatches(HASH_TAG, text)) {
    const word = match[1] ?? "";
    if (word.includes(":")) {
      const [key = "", value = ""] = word.split(":");
      tags.push(
        key.toLowerCase() === "level" ? `level:${value.toUpperCase()}` : `${key.toLowerCase()}:${value}`,
      );
    } else {
      tags.push((isPriorityWord(word) && priorityTag(word)) || word.toLowerCase());
    }
  }
  for (const match of allMatches(PAREN_PRIORITY, text))
    tags.push(`priority:${(match[1] ?? "").toLowerCase()}`);
  // Most items have no tag: no set to build for them (20,000 of them on a large checklist).
  return tags.length < 2 ? tags : [...new Set(tags)];
}

/** A word that names a priority ("Must have", "optional", "P1"), as opposed to any value of a Priority cell. */
export function isPriorityWord(word: string): boolean {
  const lower = word.toLowerCase().replace(/[-_]+/g, " ");
  return PRIORITY_WORDS.some(([pattern]) => pattern.test(lower));
}
