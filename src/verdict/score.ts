import { type Checklist, itemsBySection } from "../checklist/index.js";
import type { ItemStatus } from "../core/item-status.js";

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
  const sections = itemsBySection(checklist);
  return new Map(
    [...sections].map(([id, items]) => [id, summarize(items.map((item) => statuses.get(item.id) ?? "open"))]),
  );
}
