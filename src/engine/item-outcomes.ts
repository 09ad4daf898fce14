import type { CheckResult } from "../core/check-result.js";
import { type ItemStatus, leastReady } from "../core/item-status.js";
import type { Plan } from "./plan.js";

export interface ItemOutcomes {
  /** Statuses that evidence gave: checks and valid waivers. Items absent here keep their tick. */
  own: Map<string, ItemStatus>;
  checks: Map<string, CheckResult[]>;
}

/** Folds check results onto items: an item is as ready as the least ready of its checks. */
export function itemOutcomes(plan: Plan, results: Map<string, CheckResult>): ItemOutcomes {
  const checks = new Map<string, CheckResult[]>();
  for (const check of plan.checks) {
    const result = results.get(check.id);
    if (!result) continue;
    for (const itemId of check.itemIds) checks.set(itemId, [...(checks.get(itemId) ?? []), result]);
  }
  const own = new Map<string, ItemStatus>();
  for (const [itemId, itemChecks] of checks) own.set(itemId, leastReady(itemChecks.map((c) => c.status)));
  // A valid waiver declares the item not applicable, whatever a check said of it.
  for (const [itemId, waiver] of plan.waivers) if (!waiver.expired) own.set(itemId, "waived");
  return { own, checks };
}
