import type { Checklist, Item } from "../checklist/index.js";

/** The fixed status vocabulary of DESIGN.md. */
export type ItemStatus = "pass" | "fail" | "error" | "attested" | "waived" | "claimed" | "open";

/** Least ready first: a parent with no evidence of its own takes the first of these among its children. */
const READINESS_ORDER: ItemStatus[] = ["fail", "error", "open", "claimed", "attested", "pass"];

export function leastReady(statuses: ItemStatus[]): ItemStatus {
  const applicable = statuses.filter((s) => s !== "waived");
  if (applicable.length === 0) return "waived";
  return applicable.reduce((worst, s) =>
    READINESS_ORDER.indexOf(s) < READINESS_ORDER.indexOf(worst) ? s : worst,
  );
}

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
