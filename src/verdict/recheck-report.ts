import type { GateResult } from "./assessment.js";
import { criticalGate } from "./critical-gate.js";
import { type ItemStatus, leastReady } from "./item-status.js";
import { percentGate } from "./percent-gate.js";
import { type Summary, summarize } from "./score.js";
import { sectionItemIds } from "./signoffs.js";

/** What the recheck reads of a JSON report (schemaVersion 1); `JsonReport` fits it. */
export interface RecheckableReport {
  verdict?: "GO" | "NO-GO";
  complete?: boolean;
  summary: Summary;
  gates?: GateResult[];
  sections: { id: string; title: string; parent: string | null; summary: Summary }[];
  items: RecheckableItem[];
}

export interface RecheckableItem {
  id: string;
  text: string;
  line: number;
  section: string | null;
  parent: string | null;
  checked: boolean;
  status: ItemStatus;
  checks: { id: string; status: "pass" | "fail" | "error"; expectations: { expr: string; ok: boolean }[] }[];
  critical?: boolean;
}

type Require = "claims" | "evidence";

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
/** `gate "overall"`, `gate section "Ops"`: a gate's name, quoted unless it quotes itself. */
const gateLabel = (gate: GateResult) =>
  gate.name.includes('"') ? `gate ${gate.name}` : `gate "${gate.name}"`;
const okWord = (gate: GateResult) => (gate.ok ? "ok" : `not ok (${gate.reason})`);

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

/** `claims` or `evidence`, as the overall gate's actual says (`... verified or claimed)`). */
function requireOf(gates: GateResult[]): Require {
  const overall = gates.find((g) => g.name === "overall");
  return overall && / verified\)$/.test(overall.actual) ? "evidence" : "claims";
}

/** The items a percentage gate covers, when the report alone can tell (overall and section gates). */
function gateItems(report: RecheckableReport, name: string): RecheckableItem[] | null {
  if (name === "overall") return report.items;
  const title = /^section "(.*)"$/s.exec(name)?.[1];
  const sections = report.sections.filter((s) => s.title === title);
  const [section] = sections;
  if (!section || sections.length > 1) return null;
  const ids = new Set(sectionItemIds(report.sections, report.items, section.id));
  return report.items.filter((item) => ids.has(item.id));
}

/** A percentage gate judged again: from its items when the report has them, else from its own fraction. */
function percentGateDisagreements(
  report: RecheckableReport,
  gate: GateResult,
  statuses: Map<string, ItemStatus>,
  require: Require,
): string[] {
  const requiredPct = Number(/^≥ (\d+(?:\.\d+)?)%$/.exec(gate.required)?.[1] ?? Number.NaN);
  if (Number.isNaN(requiredPct)) return [];
  const items = gateItems(report, gate.name);
  if (items !== null) {
    const again = percentGate(gate.name, items, statuses, requiredPct, require);
    if (again.ok !== gate.ok || again.actual !== gate.actual)
      return [`${gateLabel(gate)} says ${gate.actual}; its items give ${again.actual}, ${okWord(again)}`];
    return [];
  }
  const fraction = /\((\d+)\/(\d+) /.exec(gate.actual);
  if (!fraction) return [];
  const ok = Number(fraction[1]) * 100 >= requiredPct * Number(fraction[2]);
  return ok === gate.ok
    ? []
    : [`${gateLabel(gate)} says ${gate.ok ? "ok" : "not ok"} at ${gate.actual}, required ${gate.required}`];
}

function gateDisagreements(report: RecheckableReport, statuses: Map<string, ItemStatus>): string[] {
  const gates = report.gates ?? [];
  const require = requireOf(gates);
  const critical = new Set(report.items.filter((i) => i.critical).map((i) => i.id));
  const problems: string[] = [];
  for (const gate of gates) {
    // Every gate gonogo writes gives "met" (or "met: ...") as its reason exactly when it is ok.
    if (gate.ok !== (gate.reason === "met" || gate.reason.startsWith("met:")))
      problems.push(
        `${gateLabel(gate)} says ${gate.ok ? "ok" : "not ok"}, but its reason is "${gate.reason}"`,
      );
    if (gate.required.startsWith("≥ "))
      problems.push(...percentGateDisagreements(report, gate, statuses, require));
    if (gate.name === "critical items" && critical.size > 0) {
      const again = criticalGate(report.items, statuses, critical, require);
      if (again.ok !== gate.ok)
        problems.push(
          `${gateLabel(gate)} says ${gate.ok ? "ok" : "not ok"}; its items give ${okWord(again)}`,
        );
    }
  }
  if (critical.size > 0 && !gates.some((g) => g.name === "critical items"))
    problems.push(`${critical.size} items are marked critical, but there is no "critical items" gate`);
  return problems;
}

function verdictDisagreements(report: RecheckableReport): string[] {
  const gates = report.gates ?? [];
  const failed = gates.filter((g) => !g.ok).map((g) => `"${g.name}"`);
  if (report.verdict === "GO" && failed.length > 0)
    return [`verdict is GO, but gate${failed.length > 1 ? "s" : ""} ${failed.join(", ")} not ok`];
  if (report.verdict === "GO" && gates.length === 0) return ["verdict is GO, but the report has no gates"];
  if (report.verdict === "GO" && report.complete === false)
    return ["verdict is GO, but the run did not complete"];
  if (report.verdict === "NO-GO" && failed.length === 0 && gates.length > 0)
    return ["verdict is NO-GO, but every gate is ok"];
  return [];
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
