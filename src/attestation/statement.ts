import type { ItemStatus } from "../core/item-status.js";
import type { JsonReport } from "../model/report.js";
import type { GateResult } from "../verdict/assessment.js";
import type { Summary } from "../verdict/score.js";

export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
export const PREDICATE_TYPE = "https://gonogo.dev/readiness/v1";
export const PAYLOAD_TYPE = "application/vnd.in-toto+json";
/** The subject that names the source tree the run verified, by its git commit. */
export const GIT_SUBJECT = "git-commit";

/**
 * What an attestation is made from: a run's JSON report (src/report/json.ts) with the run's id,
 * whether it finished, and the commit it ran at. The store's runs have this shape; so does a
 * report file from `gonogo verify --format json --out FILE` (with runId null).
 */
export interface AttestableRun {
  report: JsonReport;
  runId: string | null;
  complete: boolean;
  git?: { commit: string };
  /** The checklist's name in the subject (the store's repository-relative key); the report's path by default. */
  checklistName?: string;
  /** Where the run came from, for messages: `--report r.json`; `run #12` or "the report" by default. */
  source?: string;
}

export interface ResourceDescriptor {
  name: string;
  digest: Record<string, string>;
}

/** The predicate of `https://gonogo.dev/readiness/v1`: the verdict and what it rested on. */
export interface ReadinessPredicate {
  verdict: "GO" | "NO-GO";
  runId: string | null;
  attestedAt: string;
  tool: { name: string; version: string };
  checklist: { path: string; title: string | null; sha256: string };
  git?: { commit: string };
  summary: Summary;
  gates: GateResult[];
  sections: { id: string; title: string; verifiedPct: number; claimedPct: number }[];
  items: { id: string; status: ItemStatus }[];
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: ResourceDescriptor[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: ReadinessPredicate;
}

/**
 * An in-toto Statement v1 about a run: the subjects are the checklist file (by sha256) and, when
 * known, the git commit (`gitCommit`, in-toto's digest name for it); the predicate carries the
 * verdict, gates, scores and every item's status.
 */
export function buildStatement(run: AttestableRun, attestedAt: Date = new Date()): Statement {
  const { report } = run;
  if (report.verdict === undefined) throw new Error("buildStatement: the report has no verdict");
  const subject: ResourceDescriptor[] = [
    { name: run.checklistName ?? report.checklist.path, digest: { sha256: report.checklist.sha256 } },
  ];
  if (run.git) subject.push({ name: GIT_SUBJECT, digest: { gitCommit: run.git.commit } });
  const predicate: ReadinessPredicate = {
    verdict: report.verdict,
    runId: run.runId,
    attestedAt: attestedAt.toISOString(),
    tool: report.tool,
    checklist: {
      path: report.checklist.path,
      title: report.checklist.title,
      sha256: report.checklist.sha256,
    },
    ...(run.git ? { git: { commit: run.git.commit } } : {}),
    summary: report.summary,
    gates: report.gates ?? [],
    sections: report.sections.map((s) => ({
      id: s.id,
      title: s.title,
      verifiedPct: s.summary.verifiedPct,
      claimedPct: s.summary.claimedPct,
    })),
    items: report.items.map((i) => ({ id: i.id, status: i.status })),
  };
  return { _type: STATEMENT_TYPE, subject, predicateType: PREDICATE_TYPE, predicate };
}
