import type { JsonCheckResult, JsonItem, JsonReport } from "../model/report.js";
import { type StatusChange, statusChanges } from "./regressions.js";
import type { Summary } from "./score.js";

/** A finished run as a diff reads it (a stored run has this shape). */
export interface DiffableRun {
  id: number;
  startedAt: string;
  verdict: "GO" | "NO-GO" | null;
  summary: Summary | null;
  report: JsonReport;
}

/** One item whose readiness changed, with the evidence of both runs. */
export interface ItemChange {
  id: string;
  text: string;
  section: string | null;
  before: JsonItem["status"];
  after: JsonItem["status"];
  evidence: { before: JsonCheckResult[]; after: JsonCheckResult[] };
}

export interface RunMeta {
  id: number;
  startedAt: string;
  verdict: "GO" | "NO-GO" | null;
  summary: Summary | null;
}

/** What `gonogo diff --json` prints and the server's `/runs/:a/diff/:b` answers. */
export interface RunDiff {
  from: RunMeta;
  to: RunMeta;
  regressed: ItemChange[];
  recovered: ItemChange[];
}

/** Items that regressed or recovered from one run to another, in the later run's order. */
export function diffRuns(from: DiffableRun, to: DiffableRun): RunDiff {
  const changes = statusChanges(from.report.items, to.report.items);
  return {
    from: runMeta(from),
    to: runMeta(to),
    regressed: changes.filter((c) => c.direction === "regressed").map(itemChange),
    recovered: changes.filter((c) => c.direction === "recovered").map(itemChange),
  };
}

function runMeta(run: DiffableRun): RunMeta {
  return { id: run.id, startedAt: run.startedAt, verdict: run.verdict, summary: run.summary };
}

function itemChange(change: StatusChange<JsonItem>): ItemChange {
  return {
    id: change.id,
    text: change.after.text,
    section: change.after.section,
    before: change.before.status,
    after: change.after.status,
    evidence: { before: change.before.checks, after: change.after.checks },
  };
}
