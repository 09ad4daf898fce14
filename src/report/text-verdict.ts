import type { JsonLintFinding } from "../model/report.js";
import { gateTally, type ReportVerdict } from "./gate-tally.js";
import { padToColumns, type Style } from "./style.js";

const MAX_GATE_NAME = 32;
const MAX_ACTUAL = 36;
const RULE_WIDTH = 40;

/** Each gate in aligned columns: ok or ✗, name, what was measured, what is required, and why. */
export function gateLines(verdict: ReportVerdict, style: Style): string[] {
  if (verdict.gates.length === 0) return [];
  const widest = (texts: string[], cap: number) => Math.min(cap, Math.max(...texts.map((t) => t.length)));
  const nameWidth = widest(
    verdict.gates.map((g) => g.name),
    MAX_GATE_NAME,
  );
  const actualWidth = widest(
    verdict.gates.map((g) => g.actual),
    MAX_ACTUAL,
  );
  const requiredWidth = widest(
    verdict.gates.map((g) => g.required),
    MAX_ACTUAL,
  );
  const lines = [style.paint("bold", "Gates")];
  for (const gate of verdict.gates) {
    const mark = gate.ok ? style.paint("green", "ok") : style.paint("red", "✗ ");
    const columns = [
      padToColumns(gate.name, nameWidth),
      padToColumns(gate.actual, actualWidth),
      `required ${padToColumns(gate.required, requiredWidth)}`,
      gate.ok ? style.paint("gray", gate.reason) : gate.reason,
    ];
    lines.push(`  ${mark} ${columns.join("  ")}`.trimEnd());
  }
  return lines;
}

/** Lint findings are the document's own problems; `gonogo status` lists them, here they are counted. */
export function lintLine(findings: JsonLintFinding[], path: string, style: Style): string[] {
  if (findings.length === 0) return [];
  const warnings = findings.filter((f) => f.severity === "warning").length;
  const count = `${findings.length} ${findings.length === 1 ? "finding" : "findings"}`;
  const detail = warnings > 0 ? ` (${warnings} ${warnings === 1 ? "warning" : "warnings"})` : "";
  return [`${style.paint("bold", "Lint")}: ${count}${detail}; \`gonogo status ${path}\` lists them`];
}

/**
 * The last thing on screen, impossible to miss in a long CI log:
 * ══════════════════════════════════════
 *   NO-GO   2 of 4 gates failed
 * ══════════════════════════════════════
 */
export function verdictBlock(verdict: ReportVerdict, style: Style): string[] {
  const message = `  ${verdict.verdict}   ${gateTally(verdict)}`;
  const rule = "═".repeat(Math.max(RULE_WIDTH, message.length + 2));
  const colour = verdict.verdict === "GO" ? "green" : "red";
  return [rule, message, rule].map((line) => style.paint(["bold", colour], line));
}
