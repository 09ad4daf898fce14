import type { ItemStatus } from "../core/item-status.js";

/**
 * How ready a status is, for comparing runs: fail and error alike, then open, claimed, and
 * verified (attested or pass). Waived is not comparable: leaving or entering a waiver is neither.
 */
const RANK: Record<ItemStatus, number | null> = {
  fail: 0,
  error: 0,
  open: 1,
  claimed: 2,
  attested: 3,
  pass: 3,
  waived: null,
};

/** `pass` -> `fail` is a regression; `fail` -> `error` or `pass` -> `attested` is not. */
export function compareStatus(before: ItemStatus, after: ItemStatus): "regressed" | "recovered" | null {
  const a = RANK[before];
  const b = RANK[after];
  if (a === null || b === null || a === b) return null;
  return b < a ? "regressed" : "recovered";
}

export interface StatusChange<T> {
  id: string;
  before: T;
  after: T;
  direction: "regressed" | "recovered";
}

/** Items present in both runs whose readiness changed, in the order of `after`. */
export function statusChanges<T extends { id: string; status: ItemStatus }>(
  before: Iterable<T>,
  after: Iterable<T>,
): StatusChange<T>[] {
  const earlier = new Map([...before].map((item) => [item.id, item]));
  const changes: StatusChange<T>[] = [];
  for (const item of after) {
    const old = earlier.get(item.id);
    const direction = old ? compareStatus(old.status, item.status) : null;
    if (old && direction) changes.push({ id: item.id, before: old, after: item, direction });
  }
  return changes;
}
