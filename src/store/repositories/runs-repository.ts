import type { Kysely, Selectable } from "kysely";
import type { CheckResult } from "../../core/check-result.js";
import type { RunRecord, Store, StoredRun } from "../store.js";
import { type Database, fromFlag, toFlag } from "../tables.js";
import type { AuditRepository } from "./audit-repository.js";

type RunRow = Selectable<Database["runs"]>;

export type RunsRepository = Pick<
  Store,
  "startRun" | "recordCheck" | "finishRun" | "getRun" | "latestCompleteRun" | "listRuns" | "addPushedRun"
>;

function toRunRecord(row: Omit<RunRow, "report">): RunRecord {
  return {
    id: Number(row.id),
    checklist: row.checklist,
    checklistSha256: row.checklist_sha256,
    configHash: row.config_hash,
    gitCommit: row.git_commit,
    runBy: row.run_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    complete: fromFlag(row.complete),
    verdict: row.verdict as RunRecord["verdict"],
    summary: row.summary ? JSON.parse(row.summary) : null,
  };
}

/** Runs and the evidence of their checks: a run row first, each check as it ends, the report last. */
export function runsRepository(db: Kysely<Database>, audit: AuditRepository): RunsRepository {
  const withChecks = async (row: RunRow | undefined): Promise<StoredRun | undefined> => {
    if (!row) return undefined;
    const checks = await db
      .selectFrom("run_checks")
      .select("result")
      .where("run_id", "=", row.id)
      .orderBy("recorded_at")
      .execute();
    return {
      ...toRunRecord(row),
      report: row.report ? JSON.parse(row.report) : null,
      checks: checks.map((c) => JSON.parse(c.result) as CheckResult),
    };
  };

  return {
    async startRun(meta) {
      const row = await db
        .insertInto("runs")
        .values({
          checklist: meta.checklist,
          checklist_sha256: meta.checklistSha256,
          config_hash: meta.configHash,
          git_commit: meta.gitCommit,
          run_by: meta.runBy,
          started_at: meta.startedAt,
          complete: toFlag(false),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async recordCheck(runId, result) {
      await db
        .insertInto("run_checks")
        .values({
          run_id: runId,
          check_id: result.id,
          status: result.status,
          recorded_at: new Date().toISOString(),
          result: JSON.stringify(result),
        })
        .execute();
    },
    async finishRun(runId, { finishedAt, complete, report }) {
      await db
        .updateTable("runs")
        .set({
          finished_at: finishedAt,
          complete: toFlag(complete),
          verdict: report.verdict ?? null,
          summary: JSON.stringify(report.summary),
          report: JSON.stringify(report),
        })
        .where("id", "=", runId)
        .execute();
    },
    async addPushedRun(meta, { finishedAt, complete, report }, context = {}) {
      return audit.audited(
        (id: number) => ({
          actor: meta.runBy,
          action: "push-report",
          subject: `${meta.checklist}#run-${id}`,
          at: finishedAt,
          detail: {
            ...context,
            run: id,
            verdict: report.verdict ?? null,
            complete,
            sha256: meta.checklistSha256,
          },
        }),
        async (trx) => {
          const row = await trx
            .insertInto("runs")
            .values({
              checklist: meta.checklist,
              checklist_sha256: meta.checklistSha256,
              config_hash: meta.configHash,
              git_commit: meta.gitCommit,
              run_by: meta.runBy,
              started_at: meta.startedAt,
              finished_at: finishedAt,
              complete: toFlag(complete),
              verdict: report.verdict ?? null,
              summary: JSON.stringify(report.summary),
              report: JSON.stringify(report),
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          return Number(row.id);
        },
      );
    },
    async getRun(id) {
      return withChecks(await db.selectFrom("runs").selectAll().where("id", "=", id).executeTakeFirst());
    },
    async latestCompleteRun(checklist, before) {
      let query = db
        .selectFrom("runs")
        .selectAll()
        .where("checklist", "=", checklist)
        .where("complete", "=", toFlag(true));
      if (before !== undefined) query = query.where("id", "<", before);
      return withChecks(await query.orderBy("id", "desc").limit(1).executeTakeFirst());
    },
    async listRuns(options = {}) {
      // Every column but the report, which `history` does not show and which is the bulk of a row.
      let query = db
        .selectFrom("runs")
        .select([
          "id",
          "checklist",
          "checklist_sha256",
          "config_hash",
          "git_commit",
          "run_by",
          "started_at",
          "finished_at",
          "complete",
          "verdict",
          "summary",
        ]);
      if (options.checklist !== undefined) query = query.where("checklist", "=", options.checklist);
      if (options.before !== undefined) query = query.where("id", "<", options.before);
      if (options.limit !== undefined) query = query.limit(options.limit);
      const rows = await query.orderBy("id", "desc").execute();
      return rows.map(toRunRecord);
    },
  };
}
