import type { Checklist } from "../checklist/index.js";

export interface LintFinding {
  rule: string;
  /** 1-based line in the original file. */
  line: number;
  message: string;
  severity: "warning" | "info";
}

/** How many items a section covers (its subsections included), and how many are unticked. */
export interface TickCount {
  items: number;
  open: number;
}

/** What every rule reads: the document and its tick counts, rolled up once per lint run. */
export interface LintContext {
  checklist: Checklist;
  bySection: Map<string, TickCount>;
  document: TickCount;
}

/** A lint rule reads the document alone (ticks, prose), never check results. */
export type LintRule = (context: LintContext) => LintFinding[];

export function createLintContext(checklist: Checklist): LintContext {
  const bySection = new Map<string, TickCount>(checklist.sections.map((s) => [s.id, { items: 0, open: 0 }]));
  const parentOf = new Map(checklist.sections.map((s) => [s.id, s.parent]));
  for (const item of checklist.items) {
    for (let id = item.section; id !== null; id = parentOf.get(id) ?? null) {
      const count = bySection.get(id);
      if (!count) break;
      count.items += 1;
      if (!item.checked) count.open += 1;
    }
  }
  const open = checklist.items.filter((i) => !i.checked).length;
  return { checklist, bySection, document: { items: checklist.items.length, open } };
}

export function sectionTitle(checklist: Checklist, sectionId: string | null): string {
  return checklist.sections.find((s) => s.id === sectionId)?.title ?? "(document)";
}
