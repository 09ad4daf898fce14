import type { Checklist, Item } from "./model.js";

/**
 * Each section's items, its subsections' included (a section's score covers everything under
 * its heading), in document order. Sections without items map to an empty list.
 */
export function itemsBySection(checklist: Checklist): Map<string, Item[]> {
  const bySection = new Map<string, Item[]>(checklist.sections.map((s) => [s.id, []]));
  const parentOf = new Map(checklist.sections.map((s) => [s.id, s.parent]));
  for (const item of checklist.items) {
    for (let id = item.section; id !== null; id = parentOf.get(id) ?? null) bySection.get(id)?.push(item);
  }
  return bySection;
}
