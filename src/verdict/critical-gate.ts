import { type ItemStatus, leastReady } from "../core/item-status.js";
import type { GateResult } from "./assessment.js";

/** What the gate reads of an item: the checklist's items and a JSON report's items both fit. */
export interface CriticalCandidate {
  id: string;
  text: string;
  line: number;
  parent: string | null;
}

interface Found {
  item: CriticalCandidate;
  status: ItemStatus;
}

/** The less ready of two; on a tie the second, which a pass from the end makes the earlier item. */
const lessReady = (a: Found | undefined, b: Found | undefined): Found | undefined =>
  !a ? b : !b ? a : leastReady([a.status, b.status]) === b.status ? b : a;

/** The least ready item below each item (waived ones left out), with the status it has. */
function leastReadyBelow(items: CriticalCandidate[], statuses: Map<string, ItemStatus>): Map<string, Found> {
  const below = new Map<string, Found>();
  // Children follow their parent in document order: one pass from the end settles every subtree.
  for (const item of [...items].reverse()) {
    if (item.parent === null) continue;
    const status = statuses.get(item.id) ?? "open";
    const own = status === "waived" ? undefined : { item, status };
    const subtree = lessReady(below.get(item.id), own);
    const worst = lessReady(below.get(item.parent), subtree);
    if (worst) below.set(item.parent, worst);
  }
  return below;
}

/**
 * `gates.critical`: every item listed must be ready, whatever the percentages. Ready is pass or
 * attested, or claimed under `require: claims`; fail, error and open never are. A critical parent
 * is no more ready than the least ready item under it, whatever its own check says. A waived
 * critical item is not ready either: a waiver says the item does not apply, and an item that must
 * hold for the launch cannot not apply; the reason names the waiver so nobody has to guess.
 */
export function criticalGate(
  items: CriticalCandidate[],
  statuses: Map<string, ItemStatus>,
  critical: ReadonlySet<string>,
  require: "claims" | "evidence",
): GateResult {
  const ready = new Set<ItemStatus>([
    "pass",
    "attested",
    ...(require === "claims" ? ["claimed" as const] : []),
  ]);
  const below = leastReadyBelow(items, statuses);
  const named = (item: CriticalCandidate) => `"${item.text}" (line ${item.line})`;
  const listed = items.filter((item) => critical.has(item.id));
  const problems = listed.flatMap((item): string[] => {
    const status = statuses.get(item.id) ?? "open";
    if (status === "waived")
      return [
        `${named(item)} is waived: a critical item must be ready (take it out of gates.critical if it does not apply)`,
      ];
    if (!ready.has(status)) return [`${named(item)} is ${status}`];
    const child = below.get(item.id);
    if (child && !ready.has(child.status))
      return [`${named(item)} is ${status}, but ${named(child.item)} under it is ${child.status}`];
    return [];
  });
  const readyWords = require === "claims" ? "pass/attested/claimed" : "pass/attested";
  return {
    name: "critical items",
    ok: problems.length === 0,
    actual:
      problems.length === 0
        ? `all ${listed.length} ready`
        : `${problems.length} of ${listed.length} not ready`,
    required: `${readyWords}, children too`,
    reason: problems.length === 0 ? "met" : problems.join("; "),
  };
}
