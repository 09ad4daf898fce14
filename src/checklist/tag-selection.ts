import type { Item, LevelLadder } from "./model.js";
import { levelName } from "./tags.js";

export type TagsOf = (item: Item) => string[];

const ownTags: TagsOf = (item) => item.tags;

/** Items carrying `tag` (case-insensitive; `level:b` is `level:B`). */
export function itemsTagged(items: Item[], tag: string, tagsOf: TagsOf = ownTags): Item[] {
  const wanted = tag.trim().toLowerCase();
  return items.filter((item) => tagsOf(item).some((t) => t.toLowerCase() === wanted));
}

/**
 * The items a level requires: those tagged `level:B`; on a cumulative ladder (no item names two
 * levels) also those of the rungs before it, so `level: B` on `C | B | A` takes C's items too.
 * "B", "Level B" and "level:B" all name B; a rung word in any case names it ("gold" is Gold).
 */
export function itemsAtLevel(
  items: Item[],
  ladder: LevelLadder | null,
  level: string,
  tagsOf: TagsOf = ownTags,
): Item[] {
  const bare = level.trim().replace(/^level:/i, "");
  const name = (levelName(bare) ?? bare).toUpperCase();
  const rung = ladder?.levels.findIndex((l) => l.toUpperCase() === name) ?? -1;
  const rungs = ladder?.cumulative && rung >= 0 ? ladder.levels.slice(0, rung + 1) : [name];
  const wanted = new Set(rungs.map((l) => l.toUpperCase()));
  return items.filter((item) =>
    tagsOf(item).some((t) => /^level:/i.test(t) && wanted.has(t.slice("level:".length).toUpperCase())),
  );
}

const PRIORITY_RANK = ["critical", "should", "nice", "p0", "p1", "p2", "p3", "p4"].map(
  (p) => `priority:${p}`,
);
const rank = (tag: string) => {
  const at = PRIORITY_RANK.indexOf(tag);
  return at >= 0 ? at : PRIORITY_RANK.length;
};

/** Every distinct tag in the document: levels in ladder order, priorities most pressing first, then the rest by name. */
export function knownTags(items: Item[], ladder: LevelLadder | null, tagsOf: TagsOf = ownTags): string[] {
  const all = new Set(items.flatMap((item) => tagsOf(item)));
  const levels = (ladder?.levels ?? []).map((l) => `level:${l}`).filter((t) => all.has(t));
  const rest = [...all]
    .filter((t) => !levels.includes(t))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return [...levels, ...rest];
}
