import { type Checklist, itemsAtLevel, itemsTagged, knownTags } from "../checklist/index.js";
import type { ItemStatus } from "../core/item-status.js";
import { type Summary, summarize } from "./score.js";

export interface TagScore {
  tag: string;
  summary: Summary;
}

/**
 * A score per level and priority tag, levels in ladder order; a level on a cumulative ladder
 * counts the rungs before it too, as `gates.level` does.
 */
export function scoreTags(checklist: Checklist, statuses: Map<string, ItemStatus>): TagScore[] {
  const tags = knownTags(checklist.items, checklist.levelLadder).filter((t) =>
    /^(?:level|priority):/.test(t),
  );
  return tags.map((tag) => {
    const items = tag.startsWith("level:")
      ? itemsAtLevel(checklist.items, checklist.levelLadder, tag)
      : itemsTagged(checklist.items, tag);
    return { tag, summary: summarize(items.map((item) => statuses.get(item.id) ?? "open")) };
  });
}
