/** The gates and the verdict of a JSON report judged again from its items (see recheck-report.ts). */

import type { ItemStatus } from "../core/item-status.js";
import type { GateResult } from "./assessment.js";
import { criticalGate } from "./critical-gate.js";
import { percentGate } from "./percent-gate.js";
import type { RecheckableItem, RecheckableReport } from "./recheckable-report.js";
import { sectionItemIds } from "./signoffs.js";

type Require = "claims" | "evidence";

/** `gate "overall"`, `gate section "Ops"`: a gate's name, quoted unless it quotes itself. */
const gateLabel = (gate: GateResult) =>
  gate.name.includes('"') ? `gate ${gate.name}` : `gate "${gate.name}"`;
const okWord = (gate: GateResult) => (gate.ok ? "ok" : `not ok (${gate.reason})`);

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

export function gateDisagreements(report: RecheckableReport, statuses: Map<string, ItemStatus>): string[] {
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

export function verdictDisagreements(report: RecheckableReport): string[] {
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
