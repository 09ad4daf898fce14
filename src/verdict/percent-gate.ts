import type { ItemStatus } from "../core/item-status.js";
import type { GateResult } from "./assessment.js";
import { type Summary, summarize } from "./score.js";

/** What a percentage gate reads of an item. */
export interface GatedItem {
  id: string;
  text: string;
  line: number;
}

function readyShare(summary: Summary, require: "claims" | "evidence"): { count: number; pct: number } {
  const count = summary.pass + summary.attested + (require === "claims" ? summary.claimed : 0);
  return { count, pct: summary.applicable === 0 ? 0 : (count / summary.applicable) * 100 };
}

/** One decimal, as in the summary; more when one would round a shortfall up to the requirement. */
function showPct(pct: number, ok: boolean, requiredPct: number): string {
  const rounded = Math.round(pct * 10) / 10;
  return !ok && rounded >= requiredPct ? `${pct.toFixed(3).replace(/0+$/, "")}%` : `${rounded.toFixed(1)}%`;
}

/** How many not-ready items a failed gate names; the rest are counted. */
const NAMED_ITEMS = 3;

/** `"Runbook reviewed" (line 26, open), ... and 4 more`: the gate's items that are not ready. */
function nameNotReady(
  items: GatedItem[],
  statuses: Map<string, ItemStatus>,
  require: "claims" | "evidence",
): string {
  const ready = new Set<ItemStatus>([
    "pass",
    "attested",
    "waived",
    ...(require === "claims" ? (["claimed"] as const) : []),
  ]);
  const notReady = items.filter((item) => !ready.has(statuses.get(item.id) ?? "open"));
  const named = notReady
    .slice(0, NAMED_ITEMS)
    .map((item) => `"${item.text}" (line ${item.line}, ${statuses.get(item.id) ?? "open"})`);
  const more = notReady.length - named.length;
  return `${named.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

/**
 * A percentage gate (overall, a section, a level or tag): the share of applicable items that are
 * ready, against what is required. Reads only ids, texts and lines, so a JSON report's items can
 * be judged again as the run judged them (see recheck-report.ts).
 */
export function percentGate(
  name: string,
  items: GatedItem[],
  statuses: Map<string, ItemStatus>,
  requiredPct: number,
  require: "claims" | "evidence",
): GateResult {
  const summary = summarize(items.map((item) => statuses.get(item.id) ?? "open"));
  const required = `≥ ${requiredPct}%`;
  if (summary.items === 0) {
    return { name, ok: false, actual: "no items", required, reason: "no items: nothing to go on" };
  }
  if (summary.applicable === 0) {
    // Waived items are left out of every denominator: a section waived whole does not block.
    return {
      name,
      ok: true,
      actual: `all ${summary.waived} items waived`,
      required,
      reason: "met: nothing applicable",
    };
  }
  const { count, pct } = readyShare(summary, require);
  // Compared on the exact fraction: 84.96% must not pass an 85% gate by rounding.
  const ok = count * 100 >= requiredPct * summary.applicable;
  const what = require === "evidence" ? "verified" : "verified or claimed";
  const actual = `${showPct(pct, ok, requiredPct)} (${count}/${summary.applicable} ${what})`;
  const notReady = summary.applicable - count;
  return {
    name,
    ok,
    actual,
    required,
    reason: ok
      ? "met"
      : `${notReady} item${notReady === 1 ? "" : "s"} not ready: ${nameNotReady(items, statuses, require)}`,
  };
}
