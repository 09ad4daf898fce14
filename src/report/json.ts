import { TOOL } from "../core/version.js";
import type { JsonReport } from "../model/report.js";
import type { Assessment } from "../verdict/assessment.js";
import type { Summary } from "../verdict/score.js";
import { scoreTags } from "../verdict/tag-scores.js";

// The report's shape is the zod model in src/model/report.ts; its types are re-exported here for
// the modules that import them from the reporter.
export type { JsonItem, JsonReport, JsonSection, JsonSignoff, JsonSignoffSlot } from "../model/report.js";

/** The JSON report (src/model/report.ts) of an assessment: what every format is rendered from. */
export function toJsonReport(assessment: Assessment): JsonReport {
  const { checklist } = assessment;
  const report: JsonReport = {
    schemaVersion: 1,
    tool: { ...TOOL },
    checklist: {
      path: checklist.source.path,
      title: checklist.title,
      sha256: checklist.source.sha256,
      encoding: checklist.source.encoding,
      warnings: checklist.source.warnings,
    },
    summary: assessment.summary,
    sections: checklist.sections.map((s) => ({
      id: s.id,
      title: s.title,
      level: s.level,
      line: s.line,
      parent: s.parent,
      summary: assessment.sections.get(s.id) as Summary,
    })),
    items: checklist.items.map((i) => ({
      id: i.id,
      text: i.text,
      line: i.line,
      section: i.section,
      parent: i.parent,
      checked: i.checked,
      status: assessment.statuses.get(i.id) ?? "open",
      targets: i.targets,
      checks: spellNonFinite(assessment.checks.get(i.id) ?? []),
      form: i.form,
      tags: i.tags,
      ...(assessment.critical?.has(i.id) ? { critical: true as const } : {}),
    })),
    signoffSlots: checklist.signoffSlots.map((s) => ({ ...s })),
    lint: assessment.lint,
    tagScores: scoreTags(checklist, assessment.statuses),
    tables: checklist.tables.map((t) => ({ ...t })),
  };
  if (assessment.signoffs) report.signoffs = assessment.signoffs;
  if (assessment.attestations) report.attestations = assessment.attestations;
  if (assessment.verdict) {
    return {
      ...report,
      verdict: assessment.verdict.verdict,
      complete: assessment.complete ?? true,
      gates: assessment.verdict.gates,
    };
  }
  return report;
}

/**
 * JSON has no Infinity or NaN (JSON.stringify would write null, and a TTL that never ends would
 * read as 0): in evidence they are spelled out as strings. Only check results can hold them, so
 * only those are walked; a replacer over the whole report would slow large checklists down.
 */
function spellNonFinite<T>(value: T): T {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value) as T;
  if (Array.isArray(value)) return value.map(spellNonFinite) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, spellNonFinite(v)])) as T;
  }
  return value;
}

/** The report as `--format json` prints it: two-space indented, one newline at the end. */
export function renderJson(report: JsonReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
