import type { JsonGate, JsonReport } from "../model/report.js";

/** A report's verdict with its gates, for a renderer to show together (verify only; status has none). */
export interface ReportVerdict {
  verdict: "GO" | "NO-GO";
  gates: JsonGate[];
}

export function reportVerdict(report: JsonReport): ReportVerdict | undefined {
  return report.verdict ? { verdict: report.verdict, gates: report.gates ?? [] } : undefined;
}

/** The verdict's reason in a few words: `2 of 4 gates failed`, `all 4 gates passed`. */
export function gateTally(verdict: ReportVerdict): string {
  const total = verdict.gates.length;
  const failed = verdict.gates.filter((g) => !g.ok).length;
  const gates = total === 1 ? "gate" : "gates";
  if (failed > 0) return `${failed} of ${total} ${gates} failed`;
  if (total === 0) return "no gates";
  return total === 1 ? "the 1 gate passed" : `all ${total} gates passed`;
}

/** A gate's outcome in one line: `50.0% (4/8 verified or claimed), required ≥ 85% — 4 items not ready`. */
export function gateOutcome(gate: JsonGate): string {
  const reason = gate.reason === "" ? "" : ` — ${gate.reason}`;
  return `${gate.actual}, required ${gate.required}${reason}`;
}
