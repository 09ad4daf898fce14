import { type Kysely, type Selectable, sql } from "kysely";
import type { CheckResult } from "../../core/check-result.js";
import { GonogoError } from "../../core/errors.js";
import type {
  LatestRunSummary,
  ReadinessPoint,
  RunRecord,
  Store,
  StoreBackend,
  StoredRun,
} from "../store.js";
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
  | "latestCompleteReport"
  | "latestCompleteRuns"
  | "latestRunSummaries"
  | "recentReadiness"
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

/**
 * Checklists named in one SQLite statement (`checklist in (...)`), well under its limit of bound
 * values; Postgres takes them all as one array.
 */
const SQLITE_KEYS_PER_STATEMENT = 500;

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

  /** `column` is one of `keys`: a list of values on SQLite, one array value on Postgres. */
  const checklistIn = (column: string, keys: readonly string[]) =>
    backend === "postgres"
      ? sql<boolean>`${sql.ref(column)} = any(${[...keys]}::text[])`
      : sql<boolean>`${sql.ref(column)} in (${sql.join(keys)})`;
  /** The rows `read` finds for `keys`: in one statement on Postgres, a few hundred keys a statement on SQLite. */
  const inChunks = async <Row>(
    keys: readonly string[],
    read: (chunk: readonly string[]) => Promise<Row[]>,
  ): Promise<Row[]> => {
    const size = backend === "postgres" ? Number.POSITIVE_INFINITY : SQLITE_KEYS_PER_STATEMENT;
    const rows: Row[] = [];
    for (let at = 0; at < keys.length; at += size) rows.push(...(await read(keys.slice(at, at + size))));
    return rows;
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
    async recentReadiness(checklists, perChecklist) {
      const found = new Map<string, ReadinessPoint[]>(checklists.map((checklist) => [checklist, []]));
      const rows =
        backend === "postgres"
          ? await recentOnPostgres(db, checklists, perChecklist)
          : await inChunks(checklists, (chunk) =>
              // Each checklist's newest runs by a window over its (checklist, id) index; the two
              // numbers read out of the summary by SQLite, so no summary is parsed here.
              sql<ReadinessRow>`
                select checklist, id, complete, verdict, verified_pct, claimed_pct from (
                  select checklist, id, complete, verdict,
                         json_extract(summary, '$.verifiedPct') as verified_pct,
                         json_extract(summary, '$.claimedPct') as claimed_pct,
                         row_number() over (partition by checklist order by id desc) as rank
                  from runs where ${checklistIn("checklist", chunk)}
                ) where rank <= ${perChecklist} order by id desc`
                .execute(db)
                .then((result) => result.rows),
            );
      for (const row of rows)
        found.get(row.checklist)?.push({
          runId: Number(row.id),
          complete: fromFlag(row.complete),
          verdict: row.verdict as ReadinessPoint["verdict"],
          verifiedPct: row.verified_pct,
          claimedPct: row.claimed_pct,
        });
      return found;
    },
    async latestCompleteRuns(checklists) {
      // latest_runs names each checklist's latest complete run (kept by triggers): one indexed join.
      const rows = await inChunks(checklists, (chunk) =>
        db
          .selectFrom("latest_runs as latest")
          .innerJoin("runs", "runs.id", "latest.run_id")
          .select(SUMMARY_COLUMNS.map((column) => `runs.${column}` as const))
          .where(checklistIn("latest.checklist", chunk))
          .execute(),
      );
      return new Map(rows.map((row) => [row.checklist, toRunRecord(row)]));
    },
    async latestRunSummaries(checklists) {
      const rows = await inChunks(checklists, (chunk) =>
        db.selectFrom("latest_runs").selectAll().where(checklistIn("checklist", chunk)).execute(),
      );
      return new Map(
        rows.map((row) => [
          row.checklist,
          {
            checklist: row.checklist,
            runId: Number(row.run_id),
            startedAt: row.started_at,
            verdict: row.verdict as LatestRunSummary["verdict"],
            verifiedPct: row.verified_pct,
            claimedPct: row.claimed_pct,
            failing: row.failing,
          },
        ]),
      );
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
    async latestCompleteReport(checklist, before) {
      let query = db
        .selectFrom("runs")
        .select(["id", "report"])
        .where("checklist", "=", checklist)
        .where("complete", "=", toFlag(true));
      if (before !== undefined) query = query.where("id", "<", before);
      const row = await query.orderBy("id", "desc").limit(1).executeTakeFirst();
      return row ? { id: Number(row.id), report: row.report ? JSON.parse(row.report) : null } : undefined;
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

/** A run's row as a readiness chart reads it. */
interface ReadinessRow {
  checklist: string;
  id: number;
  complete: number | boolean;
  verdict: string | null;
  verified_pct: number | null;
  claimed_pct: number | null;
}

/**
 * On Postgres, each checklist's newest runs by a backward probe of the (checklist, id) index,
 * `perChecklist` rows each, in one statement whatever the number of checklists.
 */
async function recentOnPostgres(
  db: Kysely<Database>,
  checklists: readonly string[],
  perChecklist: number,
): Promise<ReadinessRow[]> {
  if (checklists.length === 0) return [];
  const { rows } = await sql<ReadinessRow>`
    select wanted.key as checklist, newest.*
    from unnest(${[...checklists]}::text[]) as wanted(key)
    cross join lateral (
      select id, complete, verdict,
             (summary->>'verifiedPct')::double precision as verified_pct,
             (summary->>'claimedPct')::double precision as claimed_pct
      from runs where runs.checklist = wanted.key
      order by runs.id desc limit ${perChecklist}
    ) as newest
    order by newest.id desc`.execute(db);
  return rows;
}
