import { type ItemStatus, leastReady } from "../core/item-status.js";
import { gateDisagreements, verdictDisagreements } from "./recheck-gates.js";
import type { RecheckableItem, RecheckableReport } from "./recheckable-report.js";
import { type Summary, summarize } from "./score.js";
import { sectionItemIds } from "./signoffs.js";

const SUMMARY_KEYS = [
  "items",
  "applicable",
  "pass",
  "fail",
  "error",
  "attested",
  "waived",
  "claimed",
  "open",
  "verifiedPct",
  "claimedPct",
] as const satisfies (keyof Summary)[];

const named = (item: RecheckableItem) => `item "${item.text}" (line ${item.line})`;
/** A stated summary against the one its items give: `summary.fail says 0; the items give 1`. */
function summaryDisagreements(label: string, stated: Summary, statuses: ItemStatus[]): string[] {
  const counted = summarize(statuses);
  return SUMMARY_KEYS.filter((key) => stated[key] !== counted[key]).map(
    (key) => `${label}.${key} says ${stated[key]}; the items give ${counted[key]}`,
  );
}

/**
 * An item's status against what decides it (item-status.ts, item-outcomes.ts): its checks when
 * it has any, else its attestation or waiver, else its children, else its tick.
 */
function itemDisagreements(item: RecheckableItem, children: RecheckableItem[]): string[] {
  const { status } = item;
  if (item.checks.length > 0) {
    const broken = item.checks.flatMap((check) =>
      check.status === "pass"
        ? check.expectations
            .filter((e) => !e.ok)
            .map((e) => `${named(item)} has check "${check.id}" pass with "${e.expr}" not held`)
        : [],
    );
    const decided = leastReady(item.checks.map((c) => c.status));
    const own =
      status === decided || status === "waived"
        ? []
        : [`${named(item)} is ${status}, but its checks give ${decided}`];
    return [...broken, ...own];
  }
  if (status === "attested" || status === "waived") return [];
  if (children.length > 0) {
    const decided = leastReady(children.map((c) => c.status));
    return status === decided ? [] : [`${named(item)} is ${status}, but the items under it give ${decided}`];
  }
  const ticked = item.checked ? "claimed" : "open";
  return status === ticked
    ? []
    : [`${named(item)} is ${status}, but no check ran for it and it is ${item.checked ? "" : "not "}ticked`];
}

/**
 * Judges a verify report again from its own items: the verdict against the gates, each gate
 * against the items it covers, the summaries against the statuses, and each status against the
 * checks, attestations, children or tick that decide it. Returns what disagrees, one line each
 * (empty for a report that agrees with itself). An attestation is never signed over, and a server
 * never accepts, a report that disagrees with itself: a verdict edited by hand is one.
 */
export function recheckReport(report: RecheckableReport): string[] {
  const statuses = new Map(report.items.map((item) => [item.id, item.status]));
  const children = new Map<string, RecheckableItem[]>();
  for (const item of report.items)
    if (item.parent !== null) children.set(item.parent, [...(children.get(item.parent) ?? []), item]);
  return [
    ...verdictDisagreements(report),
    ...gateDisagreements(report, statuses),
    ...summaryDisagreements("summary", report.summary, [...statuses.values()]),
    ...report.sections.flatMap((section) =>
      summaryDisagreements(
        `section "${section.title}" summary`,
        section.summary,
        sectionItemIds(report.sections, report.items, section.id).map((id) => statuses.get(id) ?? "open"),
      ),
    ),
    ...report.items.flatMap((item) => itemDisagreements(item, children.get(item.id) ?? [])),
  ];
}
