import type { GateResult, Verdict } from "../verdict/assessment.js";

/** The verdict's reason in a few words: `2 of 4 gates failed`, `all 4 gates passed`. */
export function gateTally(verdict: Verdict): string {
  const total = verdict.gates.length;
  const failed = verdict.gates.filter((g) => !g.ok).length;
  const gates = total === 1 ? "gate" : "gates";
  if (failed > 0) return `${failed} of ${total} ${gates} failed`;
  if (total === 0) return "no gates";
  return total === 1 ? "the 1 gate passed" : `all ${total} gates passed`;
}

/** A gate's outcome in one line: `50.0% (4/8 verified or claimed), required ≥ 85% — 4 items not ready`. */
export function gateOutcome(gate: GateResult): string {
  const reason = gate.reason === "" ? "" : ` — ${gate.reason}`;
  return `${gate.actual}, required ${gate.required}${reason}`;
}
