import type { Checklist, Item } from "../checklist/index.js";
import { type ItemStatus, leastReady } from "../core/item-status.js";

/** What the document alone says of an item: ticked is `claimed`, unticked is `open`. */
export function claimStatus(item: Item): ItemStatus {
  return item.checked ? "claimed" : "open";
}

/**
 * Final statuses: each item's own status where it has evidence (a check, an attestation, a waiver),
 * its claim otherwise; a parent without evidence of its own takes the least ready of its children.
 * Children come after their parent in document order, so one pass from the end settles every parent.
 */
export function resolveStatuses(checklist: Checklist, own: Map<string, ItemStatus>): Map<string, ItemStatus> {
  const statuses = new Map<string, ItemStatus>();
  for (const item of [...checklist.items].reverse()) {
    const evidenced = own.get(item.id);
    if (evidenced) statuses.set(item.id, evidenced);
    else if (item.children.length > 0) {
      statuses.set(item.id, leastReady(item.children.map((child) => statuses.get(child) ?? "open")));
    } else statuses.set(item.id, claimStatus(item));
  }
  return statuses;
}
