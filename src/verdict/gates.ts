import { type Item, itemsBySection } from "../checklist/index.js";
import type { Plan } from "../engine/plan.js";
import type { Assessment, GateResult, Verdict } from "./assessment.js";
import { criticalGate } from "./critical-gate.js";
import { percentGate } from "./percent-gate.js";
import { signoffGates } from "./signoff-gates.js";

/**
 * Applies the Go/No-Go gates of gonogo.yml (or their defaults). A run that was interrupted is
 * NO-GO whatever its scores: evidence that was never gathered cannot be GO.
 */
export function decideVerdict(
  assessment: Assessment,
  plan: Plan,
  run: { interrupted?: boolean; selection?: string } = {},
): Verdict {
  const gates = plan.config.config.gates;
  const require = gates.require ?? "claims";
  const { statuses } = assessment;
  const items = plan.checklist.items;
  const results: GateResult[] = [percentGate("overall", items, statuses, gates.overall ?? 100, require)];
  const bySection = plan.sectionGates.length > 0 ? itemsBySection(plan.checklist) : new Map<string, Item[]>();
  for (const gate of plan.sectionGates) {
    const inSection = bySection.get(gate.section.id) ?? [];
    results.push(
      percentGate(`section "${gate.section.title}"`, inSection, statuses, gate.requiredPct, require),
    );
  }
  const byId = new Map(items.map((item) => [item.id, item]));
  for (const gate of plan.tagGates) {
    const tagged = gate.itemIds.flatMap((id) => byId.get(id) ?? []);
    results.push(percentGate(gate.name, tagged, statuses, gate.requiredPct, require));
  }
  if (plan.critical.size > 0) results.push(criticalGate(items, statuses, plan.critical, require));
  results.push(...signoffGates(assessment, plan.config.config));
  if (run.interrupted) {
    results.push({
      name: "run complete",
      ok: false,
      actual: "interrupted",
      required: "every check run to the end",
      reason: "the run was interrupted (Ctrl-C or SIGTERM): checks that did not finish prove nothing",
    });
  } else if (run.selection !== undefined) {
    results.push({
      name: "run complete",
      ok: false,
      actual: "selection",
      required: "every check run to the end",
      reason: `only the checks of ${run.selection} ran: the others prove nothing`,
    });
  }
  return { verdict: results.every((g) => g.ok) ? "GO" : "NO-GO", gates: results };
}
