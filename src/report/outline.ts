import type { JsonItem, JsonReport, JsonSection } from "../model/report.js";

/** The titles from the outermost heading down to `sectionId`: ["Launch", "Security", "TLS"]. */
export function sectionTitlePath(sections: JsonSection[], sectionId: string | null): string[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const titles: string[] = [];
  for (let id = sectionId; id !== null; ) {
    const section = byId.get(id);
    if (!section) break;
    titles.unshift(section.title);
    id = section.parent;
  }
  return titles;
}

/** How deep each item is nested under parent items: 0 for a top-level item, 1 for its children. */
export function itemDepths(items: JsonItem[]): Map<string, number> {
  const depths = new Map<string, number>();
  // Parents come before their children in document order, so one pass settles every depth.
  for (const item of items) {
    depths.set(item.id, item.parent === null ? 0 : (depths.get(item.parent) ?? 0) + 1);
  }
  return depths;
}

/** Each item's children, in document order (the report names only an item's parent). */
export function itemChildren(items: JsonItem[]): Map<string, JsonItem[]> {
  const children = new Map<string, JsonItem[]>();
  for (const item of items)
    if (item.parent !== null) children.set(item.parent, [...(children.get(item.parent) ?? []), item]);
  return children;
}

/** The items of each section (its own, not its subsections'), in document order; null: above the first heading. */
export function itemsBySection(items: JsonItem[]): Map<string | null, JsonItem[]> {
  const groups = new Map<string | null, JsonItem[]>();
  for (const item of items) groups.set(item.section, [...(groups.get(item.section) ?? []), item]);
  return groups;
}

/** What the checklist is called in a report's headings: its title, or its path when it has none. */
export const checklistName = (report: JsonReport): string => report.checklist.title ?? report.checklist.path;
