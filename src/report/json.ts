import type { TableNote, Target } from "../checklist/index.js";
import type { CheckResult } from "../core/check-result.js";
import type { ItemStatus } from "../core/item-status.js";
import { TOOL } from "../core/version.js";
import type { LintFinding } from "../lint/index.js";
import type { Assessment, GateResult } from "../verdict/assessment.js";
import type { AttestationState } from "../verdict/manual-evidence.js";
import type { Summary } from "../verdict/score.js";
import type { SignoffState } from "../verdict/signoffs.js";
import { scoreTags, type TagScore } from "../verdict/tag-scores.js";

/**
 * The JSON report, schemaVersion 1: a stable contract (DESIGN.md). Extend it with new optional
 * fields; never rename or remove one.
 */
export interface JsonReport {
  schemaVersion: 1;
  tool: { name: string; version: string };
  checklist: { path: string; title: string | null; sha256: string; encoding: string; warnings: string[] };
  verdict?: "GO" | "NO-GO";
  /** verify only: false when the run was interrupted (and then the verdict is NO-GO). */
  complete?: boolean;
  summary: Summary;
  gates?: GateResult[];
  sections: JsonSection[];
  items: JsonItem[];
  signoffSlots: JsonSignoffSlot[];
  lint: LintFinding[];
  /** The score of each level and priority tag (`level:B`, `priority:critical`), levels in ladder order. */
  tagScores?: TagScore[];
  /** Every GFM table, and whether its rows were read as items or left as data, with the reason. */
  tables?: TableNote[];
  /** Recorded sign-offs (verify with a store): `valid` false once void, `reason` says why. */
  signoffs?: JsonSignoff[];
  /** Recorded attestations (verify with a store): `valid` false once expired. */
  attestations?: AttestationState[];
}

/** `{ section, by, role, at, valid, reason }`, with the section's id and the run it approved. */
export type JsonSignoff = SignoffState;

export interface JsonSection {
  id: string;
  title: string;
  level: number;
  line: number;
  parent: string | null;
  summary: Summary;
}

export interface JsonItem {
  id: string;
  text: string;
  line: number;
  section: string | null;
  parent: string | null;
  checked: boolean;
  status: ItemStatus;
  targets: Target[];
  checks: CheckResult[];
  /** `task` for a task-list item, `table` for a row of a table read as a checklist. */
  form: "task" | "table";
  /** `level:B`, `priority:critical`, ... as the document writes them. */
  tags: string[];
  /** Present (true) on an item listed under `gates.critical`, so the report can be judged again on its own. */
  critical?: true;
}

export interface JsonSignoffSlot {
  line: number;
  label: string;
  role: string | null;
  section: string | null;
  filled: boolean;
  value: string | null;
}

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

export function renderJson(assessment: Assessment): string {
  return `${JSON.stringify(toJsonReport(assessment), null, 2)}\n`;
}
