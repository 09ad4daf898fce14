import type { Checklist } from "../checklist/index.js";

/** The titles from the outermost heading down to `sectionId`: ["Launch", "Security", "TLS"]. */
export function sectionTitlePath(checklist: Checklist, sectionId: string | null): string[] {
  const byId = new Map(checklist.sections.map((s) => [s.id, s]));
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
export function itemDepths(checklist: Checklist): Map<string, number> {
  const depths = new Map<string, number>();
  // Parents come before their children in document order, so one pass settles every depth.
  for (const item of checklist.items) {
    depths.set(item.id, item.parent === null ? 0 : (depths.get(item.parent) ?? 0) + 1);
  }
  return depths;
}
