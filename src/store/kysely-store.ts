import { createHash } from "node:crypto";
import { type Kysely, type Migration, Migrator, type Selectable, sql, type Transaction } from "kysely";
import type { CheckResult } from "../core/check-result.js";
import { GonogoError } from "../core/errors.js";
import { storeMigrations } from "./migrations.js";
import type {
  Attestation,
  AuditAction,
  AuditEvent,
  New,
  RunRecord,
  Signoff,
  Store,
  StoreBackend,
  StoredRun,
  StoredWaiver,
} from "./store.js";
import { guardStoreFailures, storeFailureError } from "./store-failure.js";
import type { Database } from "./tables.js";

type RunRow = Selectable<Database["runs"]>;

function toRunRecord(row: RunRow): RunRecord {
  return {
    id: Number(row.id),
    checklist: row.checklist,
    checklistSha256: row.checklist_sha256,
    configHash: row.config_hash,
    gitCommit: row.git_commit,
    runBy: row.run_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    complete: Number(row.complete) === 1,
    verdict: row.verdict as RunRecord["verdict"],
    summary: row.summary ? JSON.parse(row.summary) : null,
  };
}

function toSignoff(row: Selectable<Database["signoffs"]>): Signoff {
  return {
    id: Number(row.id),
    checklist: row.checklist,
    sectionId: row.section_id,
    sectionTitle: row.section_title,
    by: row.by,
    role: row.role,
    at: row.at,
    runId: Number(row.run_id),
    hash: row.hash,
    statuses: JSON.parse(row.statuses),
    voidedAt: row.voided_at,
    voidRunId: row.void_run_id === null ? null : Number(row.void_run_id),
    voidReason: row.void_reason,
  };
}

async function appendAudit(
  db: Kysely<Database> | Transaction<Database>,
  event: Omit<AuditEvent, "seq">,
): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({ ...event, detail: JSON.stringify(event.detail) })
    .execute();
}

/** The migration that creates `audit_events`: events of the ones before it wait for it. */
const AUDIT_TABLE_MIGRATION = "0003_audit_events";

/**
 * The store's migrations, each writing its own `migrate` audit event through the `db` it is given:
 * on Postgres Kysely runs all pending migrations in one transaction, on SQLite `migrate` wraps
 * them in one, so a migration and its event commit or roll back together. Events of migrations
 * applied before `audit_events` exists are written by the migration that creates it.
 */
function auditedMigrations(backend: StoreBackend, actor: string): Record<string, Migration> {
  const migrations = storeMigrations(backend);
  let unwritten: string[] = [];
  return Object.fromEntries(
    Object.entries(migrations).map(([name, migration]): [string, Migration] => [
      name,
      {
        async up(db) {
          await migration.up(db);
          unwritten.push(name);
          if (name < AUDIT_TABLE_MIGRATION) return;
          const at = new Date().toISOString();
          for (const subject of unwritten)
            await appendAudit(db as Kysely<Database>, {
              at,
              actor,
              action: "migrate",
              subject,
              detail: { backend },
            });
          unwritten = [];
        },
      },
    ]),
  );
}

/** Applies the pending migrations, with their audit events, in one transaction. */
async function migrate(
  db: Kysely<Database>,
  backend: StoreBackend,
  actor: string,
): Promise<Error | undefined> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => auditedMigrations(backend, actor) },
  });
  // Kysely's SQLite adapter runs migrations without a transaction. The SQLite driver has one
  // connection, so a BEGIN here holds for every statement the migrator runs; IMMEDIATE takes the
  // write lock at once, so a second process opening a new store waits instead of racing.
  if (backend === "sqlite") await sql`BEGIN IMMEDIATE`.execute(db);
  const { error } = await migrator.migrateToLatest();
  if (backend === "sqlite") await sql.raw(error ? "ROLLBACK" : "COMMIT").execute(db);
  return error ? (error as Error) : undefined;
}

/**
 * A store that reading commands may open: one holding gonogo's tables, every migration applied.
 * Nothing is created or changed; anything else is a usage error naming `location`.
 */
async function checkExisting(db: Kysely<Database>, backend: StoreBackend, location: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => storeMigrations(backend) },
  });
  const migrations = await migrator.getMigrations();
  const pending = migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
  if (pending.length === migrations.length)
    throw new GonogoError("usage", `no store at ${location}`, [
      "run `gonogo verify` first, name the checklist (--checklist FILE) or the store (--store)",
    ]);
  if (pending.length > 0)
    throw new GonogoError("usage", `store ${location} was made by an older gonogo`, [
      `migrations not applied: ${pending.join(", ")}`,
      "run `gonogo verify` once to bring it up to date",
    ]);
}

/**
 * The Store over `db`. `migrate`: apply the pending migrations first (each one an audit event
 * naming `actor`, who opened the store); otherwise the store must already be complete
 * (`checkExisting`), as reading commands never create or change one.
 */
export async function createKyselyStore(
  db: Kysely<Database>,
  backend: StoreBackend,
  location: string,
  actor: string,
  options: { migrate: boolean } = { migrate: true },
): Promise<Store> {
  try {
    if (options.migrate) {
      const error = await migrate(db, backend, actor);
      if (error) throw new GonogoError("input", `store ${location}: migration failed: ${error.message}`);
    } else await checkExisting(db, backend, location);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw storeFailureError(location, error);
  }
  return guardStoreFailures(kyselyStore(db, backend, location, actor), location);
}

/** `actor` is who opened the store (the OS user, or GONOGO_USER): every event records it as `ranBy`. */
function kyselyStore(db: Kysely<Database>, backend: StoreBackend, location: string, actor: string): Store {
  const runWithChecks = async (row: RunRow | undefined): Promise<StoredRun | undefined> => {
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
  const audited = async <T>(
    event: { actor: string; action: AuditAction; subject: string; at: string },
    detail: Record<string, unknown>,
    write: (trx: Transaction<Database>) => Promise<T>,
  ): Promise<T> => {
    const trx = await db.startTransaction().execute();
    try {
      const out = await write(trx);
      // `--by` names who vouches; `ranBy` who ran the command, which `--by` cannot fake.
      await appendAudit(trx, { ...event, detail: { ...detail, ranBy: actor } });
      await trx.commit().execute();
      return out;
    } catch (error) {
      // SQLite undoes a write the disk refused by itself; its ROLLBACK then fails ("no transaction
      // is active") and must not hide why the write failed.
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      throw error;
    }
  };

  return {
    backend,
    location,
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
          complete: 0,
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
          complete: complete ? 1 : 0,
          verdict: report.verdict ?? null,
          summary: JSON.stringify(report.summary),
          report: JSON.stringify(report),
        })
        .where("id", "=", runId)
        .execute();
    },
    async getRun(id) {
      return runWithChecks(await db.selectFrom("runs").selectAll().where("id", "=", id).executeTakeFirst());
    },
    async latestCompleteRun(checklist, before) {
      let query = db
        .selectFrom("runs")
        .selectAll()
        .where("checklist", "=", checklist)
        .where("complete", "=", 1);
      if (before !== undefined) query = query.where("id", "<", before);
      return runWithChecks(await query.orderBy("id", "desc").limit(1).executeTakeFirst());
    },
    async listRuns(options = {}) {
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
      if (options.limit !== undefined) query = query.limit(options.limit);
      const rows = await query.orderBy("id", "desc").execute();
      return rows.map((row) => toRunRecord({ ...row, report: null }));
    },

    async addAttestation(a) {
      return audited(
        { actor: a.by, action: "attest", subject: `${a.checklist}#${a.itemId}`, at: a.at },
        { item: a.itemText, expiresAt: a.expiresAt, evidence: a.evidence, note: a.note },
        async (trx) => {
          const row = await trx
            .insertInto("attestations")
            .values({
              checklist: a.checklist,
              item_id: a.itemId,
              item_text: a.itemText,
              by: a.by,
              at: a.at,
              expires_at: a.expiresAt,
              evidence: a.evidence,
              note: a.note,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          return Number(row.id);
        },
      );
    },
    async listAttestations(checklist) {
      const rows = await db
        .selectFrom("attestations")
        .selectAll()
        .where("checklist", "=", checklist)
        .orderBy("id")
        .execute();
      return rows.map(
        (r): Attestation => ({
          id: Number(r.id),
          checklist: r.checklist,
          itemId: r.item_id,
          itemText: r.item_text,
          by: r.by,
          at: r.at,
          expiresAt: r.expires_at,
          evidence: r.evidence,
          note: r.note,
        }),
      );
    },
    async addWaiver(w) {
      return audited(
        { actor: w.by, action: "waive", subject: `${w.checklist}#${w.itemId}`, at: w.at },
        { item: w.itemText, reason: w.reason, until: w.until },
        async (trx) => {
          const row = await trx
            .insertInto("waivers")
            .values({
              checklist: w.checklist,
              item_id: w.itemId,
              item_text: w.itemText,
              reason: w.reason,
              by: w.by,
              at: w.at,
              until: w.until,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          return Number(row.id);
        },
      );
    },
    async listWaivers(checklist) {
      const rows = await db
        .selectFrom("waivers")
        .selectAll()
        .where("checklist", "=", checklist)
        .orderBy("id")
        .execute();
      return rows.map(
        (r): StoredWaiver => ({
          id: Number(r.id),
          checklist: r.checklist,
          itemId: r.item_id,
          itemText: r.item_text,
          reason: r.reason,
          by: r.by,
          at: r.at,
          until: r.until,
        }),
      );
    },
    async addSignoff(s: Omit<New<Signoff>, "voidedAt" | "voidRunId" | "voidReason">) {
      return audited(
        { actor: s.by, action: "signoff", subject: `${s.checklist}#${s.sectionId}`, at: s.at },
        { section: s.sectionTitle, role: s.role, run: s.runId, hash: s.hash },
        async (trx) => {
          const row = await trx
            .insertInto("signoffs")
            .values({
              checklist: s.checklist,
              section_id: s.sectionId,
              section_title: s.sectionTitle,
              by: s.by,
              role: s.role,
              at: s.at,
              run_id: s.runId,
              hash: s.hash,
              statuses: JSON.stringify(s.statuses),
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          return Number(row.id);
        },
      );
    },
    async listSignoffs(checklist) {
      const rows = await db
        .selectFrom("signoffs")
        .selectAll()
        .where("checklist", "=", checklist)
        .orderBy("id")
        .execute();
      return rows.map(toSignoff);
    },
    async voidSignoff(id, voided) {
      const row = await db.selectFrom("signoffs").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row || row.voided_at !== null) return;
      await audited(
        {
          actor: voided.actor,
          action: "signoff-void",
          subject: `${row.checklist}#${row.section_id}`,
          at: voided.at,
        },
        { signoff: id, by: row.by, role: row.role, run: voided.runId, reason: voided.reason },
        (trx) =>
          trx
            .updateTable("signoffs")
            .set({ voided_at: voided.at, void_run_id: voided.runId, void_reason: voided.reason })
            .where("id", "=", id)
            .where("voided_at", "is", null)
            .execute(),
      );
    },

    async putBlob(bytes, name) {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const exists = await db
        .selectFrom("blobs")
        .select("sha256")
        .where("sha256", "=", sha256)
        .executeTakeFirst();
      if (!exists)
        await db
          .insertInto("blobs")
          .values({ sha256, name, size: bytes.byteLength, bytes: Buffer.from(bytes) })
          .execute();
      return `sha256:${sha256}`;
    },
    async getBlob(ref) {
      const sha256 = ref.replace(/^sha256:/, "");
      const row = await db.selectFrom("blobs").selectAll().where("sha256", "=", sha256).executeTakeFirst();
      return row ? { name: row.name, bytes: new Uint8Array(row.bytes) } : undefined;
    },

    async listAudit() {
      const rows = await db.selectFrom("audit_events").selectAll().orderBy("seq").execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        at: r.at,
        actor: r.actor,
        action: r.action as AuditAction,
        subject: r.subject,
        detail: JSON.parse(r.detail),
      }));
    },
    async close() {
      await db.destroy();
    },
  };
}
