import { type Checklist, type Item, itemsBySection } from "../checklist/index.js";

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
  /** Section titles by id: rules name a section per finding, and a search per finding is quadratic. */
  titles: Map<string, string>;
}

/** A lint rule reads the document alone (ticks, prose), never check results. */
export type LintRule = (context: LintContext) => LintFinding[];

export function createLintContext(checklist: Checklist): LintContext {
  const count = (items: Item[]): TickCount => ({
    items: items.length,
    open: items.filter((i) => !i.checked).length,
  });
  const bySection = new Map([...itemsBySection(checklist)].map(([id, items]) => [id, count(items)]));
  const titles = new Map(checklist.sections.map((s) => [s.id, s.title]));
  return { checklist, bySection, document: count(checklist.items), titles };
}

export function sectionTitle({ titles }: LintContext, sectionId: string | null): string {
  return (sectionId === null ? undefined : titles.get(sectionId)) ?? "(document)";
}
