import { type Kysely, type Selectable, sql } from "kysely";
import type { CheckResult } from "../../core/check-result.js";
import { GonogoError } from "../../core/errors.js";
import type { RunRecord, Store, StoreBackend, StoredRun } from "../store.js";
import { type Database, fromFlag, toFlag } from "../tables.js";
import type { AuditRepository } from "./audit-repository.js";

type RunRow = Selectable<Database["runs"]>;

export type RunsRepository = Pick<
  Store,
  | "startRun"
  | "recordChecks"
  | "finishRun"
  | "listJobRuns"
  | "listCutOffJobRuns"
  | "getRun"
  | "getRunReport"
  | "latestCompleteRun"
  | "latestCompleteRuns"
  | "recentRuns"
  | "listRuns"
  | "addPushedRun"
>;

/** Every column but the report, which lists do not show and which is the bulk of a row. */
const SUMMARY_COLUMNS = [
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
  "job_id",
] as const;

/** Checklists asked for in one statement: SQLite allows 500 terms in a compound SELECT. */
const LATEST_CHUNK = 100;

/** A run's row without its report; `job_id` is absent from a store an older gonogo wrote (then null). */
function toRunRecord(row: Omit<RunRow, "report" | "job_id"> & { job_id?: string | null }): RunRecord {
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
    jobId: row.job_id ?? null,
  };
}

/** A second complete run of one job, refused by the unique index `runs_complete_job`. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** Runs and the evidence of their checks: a run row first, each check as it ends, the report last. */
export function runsRepository(
  db: Kysely<Database>,
  backend: StoreBackend,
  audit: AuditRepository,
): RunsRepository {
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
          // Only a job's run names the column, so a run is recorded as before where it is not a job's.
          ...(meta.jobId != null && { job_id: meta.jobId }),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async recordChecks(runId, checks) {
      if (checks.length === 0) return;
      await db
        .insertInto("run_checks")
        .values(
          checks.map(({ result, recordedAt }) => ({
            run_id: runId,
            check_id: result.id,
            status: result.status,
            recorded_at: recordedAt,
            result: JSON.stringify(result),
          })),
        )
        .execute();
    },
    async finishRun(runId, { finishedAt, complete, report }) {
      const finish = (flag: boolean) =>
        db
          .updateTable("runs")
          .set({
            finished_at: finishedAt,
            complete: toFlag(flag),
            verdict: report.verdict ?? null,
            summary: JSON.stringify(report.summary),
            report: JSON.stringify(report),
          })
          .where("id", "=", runId)
          .execute();
      try {
        await finish(complete);
      } catch (error) {
        if (!complete || !isUniqueViolation(error)) throw error;
        // Another attempt of the same job completed first: keep this one's evidence, incomplete.
        await finish(false);
        const row = await db.selectFrom("runs").select("job_id").where("id", "=", runId).executeTakeFirst();
        const done = await db
          .selectFrom("runs")
          .select("id")
          .where("job_id", "=", row?.job_id ?? "")
          .where("complete", "=", toFlag(true))
          .executeTakeFirst();
        throw new GonogoError(
          "conflict",
          `run #${runId} is kept incomplete: job ${row?.job_id} was already completed by run #${done?.id}`,
          [],
          { cause: error },
        );
      }
    },
    async listJobRuns(jobId) {
      const rows = await db
        .selectFrom("runs")
        .selectAll()
        .where("job_id", "=", jobId)
        .orderBy("id", "asc")
        .execute();
      return rows.map(toRunRecord);
    },
    async listCutOffJobRuns(since) {
      const rows = await db
        .selectFrom("runs as r")
        .selectAll("r")
        .where("r.job_id", "is not", null)
        .where("r.complete", "=", toFlag(false))
        .where("r.started_at", ">=", since)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("runs as done")
                .select("done.id")
                .whereRef("done.job_id", "=", "r.job_id")
                .where("done.complete", "=", toFlag(true)),
            ),
          ),
        )
        .orderBy("r.id", "asc")
        .execute();
      return rows.map(toRunRecord);
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
    async getRunReport(id) {
      const row = await db
        .selectFrom("runs")
        .select([...SUMMARY_COLUMNS, "report"])
        .where("id", "=", id)
        .executeTakeFirst();
      return row ? { run: toRunRecord(row), report: row.report } : undefined;
    },
    async recentRuns(checklists, perChecklist) {
      const found = new Map<string, RunRecord[]>(checklists.map((checklist) => [checklist, []]));
      for (let at = 0; at < checklists.length; at += LATEST_CHUNK) {
        const chunk = checklists.slice(at, at + LATEST_CHUNK);
        if (chunk.length === 0) break;
        // One statement for a page of checklists: each one's newest runs by a window over its index.
        const ranked = db
          .selectFrom("runs")
          .select(SUMMARY_COLUMNS)
          .select((eb) =>
            eb.fn
              .agg<number>("row_number")
              .over((over) => over.partitionBy("checklist").orderBy("id", "desc"))
              .as("rank"),
          )
          .where("checklist", "in", chunk);
        const rows = await db
          .selectFrom(ranked.as("r"))
          .selectAll()
          .where("rank", "<=", perChecklist)
          .orderBy("id", "desc")
          .execute();
        for (const row of rows) found.get(row.checklist)?.push(toRunRecord(row));
      }
      return found;
    },
    async latestCompleteRuns(checklists) {
      if (backend === "postgres") return latestOnPostgres(db, checklists);
      const found = new Map<string, RunRecord>();
      for (let at = 0; at < checklists.length; at += LATEST_CHUNK) {
        // One max(id) per checklist, each a single probe of the (checklist, complete, id) index,
        // however many runs a checklist has; then those rows, without their reports.
        const [first, ...rest] = checklists.slice(at, at + LATEST_CHUNK).map((checklist) =>
          db
            .selectFrom("runs")
            .select((eb) => eb.fn.max("id").as("latest"))
            .where("checklist", "=", checklist)
            .where("complete", "=", toFlag(true)),
        );
        if (!first) break;
        const latest = rest.reduce((union, next) => union.unionAll(next), first);
        const rows = await db.selectFrom("runs").select(SUMMARY_COLUMNS).where("id", "in", latest).execute();
        for (const row of rows) found.set(row.checklist, toRunRecord(row));
      }
      return found;
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
      let query = db.selectFrom("runs").select(SUMMARY_COLUMNS);
      if (options.checklist !== undefined) query = query.where("checklist", "=", options.checklist);
      if (options.before !== undefined) query = query.where("id", "<", options.before);
      if (options.limit !== undefined) query = query.limit(options.limit);
      const rows = await query.orderBy("id", "desc").execute();
      return rows.map(toRunRecord);
    },
  };
}

type SummaryRow = Pick<RunRow, (typeof SUMMARY_COLUMNS)[number]>;

/**
 * On Postgres, one statement whatever the number of checklists: for each key of the array, the
 * newest complete run by a backward probe of the (checklist, complete, id) index. A union of
 * a hundred subqueries, as on SQLite, costs Postgres more to plan than to run.
 */
async function latestOnPostgres(
  db: Kysely<Database>,
  checklists: readonly string[],
): Promise<Map<string, RunRecord>> {
  const found = new Map<string, RunRecord>();
  if (checklists.length === 0) return found;
  const columns = sql.join(SUMMARY_COLUMNS.map((column) => sql.ref(`runs.${column}`)));
  const { rows } = await sql<SummaryRow>`
    select ${columns}
    from unnest(${[...checklists]}::text[]) as wanted(key)
    cross join lateral (
      select id from runs as latest
      where latest.checklist = wanted.key and latest.complete = true
      order by latest.id desc limit 1
    ) as newest
    join runs on runs.id = newest.id`.execute(db);
  for (const row of rows) found.set(row.checklist, toRunRecord(row));
  return found;
}
