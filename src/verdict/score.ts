import type { Checklist } from "../checklist/index.js";
import type { ItemStatus } from "./item-status.js";

export interface Summary {
  items: number;
  applicable: number;
  pass: number;
  fail: number;
  error: number;
  attested: number;
  waived: number;
  claimed: number;
  open: number;
  /** (pass + attested) / applicable, in percent, one decimal; 0 when nothing is applicable. */
  verifiedPct: number;
  /** (pass + attested + claimed) / applicable: what is at least claimed, in percent. */
  claimedPct: number;
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

export function summarize(statuses: Iterable<ItemStatus>): Summary {
  const counts = { pass: 0, fail: 0, error: 0, attested: 0, waived: 0, claimed: 0, open: 0 };
  let items = 0;
  for (const status of statuses) {
    counts[status] += 1;
    items += 1;
  }
  const applicable = items - counts.waived;
  const verified = counts.pass + counts.attested;
  return {
    items,
    applicable,
    ...counts,
    verifiedPct: percent(verified, applicable),
    claimedPct: percent(verified + counts.claimed, applicable),
  };
}

/** A section's summary covers its own items and those of its subsections. */
export function summarizeSections(
  checklist: Checklist,
  statuses: Map<string, ItemStatus>,
): Map<string, Summary> {
  const perSection = new Map<string, ItemStatus[]>();
  const parentOf = new Map(checklist.sections.map((s) => [s.id, s.parent]));
  for (const item of checklist.items) {
    const status = statuses.get(item.id) ?? "open";
    for (let section = item.section; section !== null; section = parentOf.get(section) ?? null) {
      const list = perSection.get(section) ?? [];
      list.push(status);
      perSection.set(section, list);
    }
  }
  return new Map(checklist.sections.map((s) => [s.id, summarize(perSection.get(s.id) ?? [])]));
}
