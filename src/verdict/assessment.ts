import type { Checklist } from "../checklist/index.js";
import type { CheckResult } from "../core/check-result.js";
import type { ItemStatus } from "../core/item-status.js";
import type { LintFinding } from "../lint/index.js";
import { lintChecklist } from "../lint/index.js";
import { resolveStatuses } from "./item-status.js";
import type { AttestationState } from "./manual-evidence.js";
import { type Summary, summarize, summarizeSections } from "./score.js";
import type { SignoffState } from "./signoffs.js";

export interface GateResult {
  name: string;
  ok: boolean;
  actual: string;
  required: string;
  reason: string;
}

export interface Verdict {
  verdict: "GO" | "NO-GO";
  gates: GateResult[];
}

/** Everything a report needs: the document, each item's status and evidence, the scores, the verdict. */
export interface Assessment {
  checklist: Checklist;
  statuses: Map<string, ItemStatus>;
  checks: Map<string, CheckResult[]>;
  summary: Summary;
  sections: Map<string, Summary>;
  lint: LintFinding[];
  verdict?: Verdict;
  /** verify only: false when the run was interrupted before every check finished. */
  complete?: boolean;
  /** Recorded attestations, valid or not (verify with a store only). */
  attestations?: AttestationState[];
  /** Recorded sign-offs, valid or void (verify with a store only). */
  signoffs?: SignoffState[];
  /** The ids of the items listed under `gates.critical` (verify only). */
  critical?: ReadonlySet<string>;
}

/** Scores a checklist from the statuses its evidence gave (none for `status`: ticks only). */
export function assessChecklist(
  checklist: Checklist,
  own: Map<string, ItemStatus> = new Map(),
  checks: Map<string, CheckResult[]> = new Map(),
  lint: LintFinding[] = lintChecklist(checklist),
): Assessment {
  const statuses = resolveStatuses(checklist, own);
  return {
    checklist,
    statuses,
    checks,
    summary: summarize(statuses.values()),
    sections: summarizeSections(checklist, statuses),
    lint,
  };
}
