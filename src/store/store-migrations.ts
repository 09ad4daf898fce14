import { type Kysely, type Migration, Migrator, sql } from "kysely";
import { GonogoError } from "../core/errors.js";
import { TOOL } from "../core/version.js";
import { postgresMigrations } from "./postgres/postgres-migrations.js";
import { appendAudit } from "./repositories/audit-repository.js";
import { sqliteMigrations } from "./sqlite/sqlite-migrations.js";
import type { StoreBackend } from "./store.js";
import type { Database } from "./tables.js";

/** Each backend has its own schema history. */
const MIGRATIONS: Record<StoreBackend, Record<string, Migration>> = {
  sqlite: sqliteMigrations,
  postgres: postgresMigrations,
};

/** What applied a migration, as its audit event says: the explicit step, or opening the embedded file. */
export type MigrationTrigger = "gonogo migrate" | "store opened";

/** The migration that creates `audit_events`: events of the ones before it wait for it. */
const AUDIT_TABLE_MIGRATION = "0003_audit_events";

/**
 * The backend's migrations, each writing a `migrate` audit event (who, which gonogo, how) through
 * the `db` it is given, so a migration and its event commit or roll back together. Events of
 * migrations applied before `audit_events` exists are written by the migration that creates it.
 */
function auditedMigrations(
  backend: StoreBackend,
  actor: string,
  via: MigrationTrigger,
): Record<string, Migration> {
  let unwritten: string[] = [];
  return Object.fromEntries(
    Object.entries(MIGRATIONS[backend]).map(([name, migration]): [string, Migration] => [
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
              detail: { backend, version: TOOL.version, via },
            });
          unwritten = [];
        },
      },
    ]),
  );
}

/**
 * Where Kysely keeps its record of applied migrations: on Postgres the schema gonogo's tables go
 * to (the first of the search path), named, so another application's `kysely_migration` in
 * another schema of a shared database is never taken for gonogo's.
 */
async function migrationTableSchema(
  db: Kysely<Database>,
  backend: StoreBackend,
): Promise<string | undefined> {
  if (backend !== "postgres") return undefined;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

function migrator(
  db: Kysely<Database>,
  migrations: Record<string, Migration>,
  schema: string | undefined,
): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
}

export interface MigrationOptions {
  via: MigrationTrigger;
  /** Stop after this migration (tests build the schema an older gonogo left); default: the latest. */
  to?: string;
}

/**
 * Applies the pending migrations, with their audit events, in one transaction; returns the names
 * applied (none when the store is up to date). `actor` is who applies them.
 */
export async function applyMigrations(
  db: Kysely<Database>,
  backend: StoreBackend,
  actor: string,
  options: MigrationOptions,
): Promise<string[]> {
  const schema = await migrationTableSchema(db, backend);
  const steps = migrator(db, auditedMigrations(backend, actor, options.via), schema);
  // Kysely runs Postgres migrations in one transaction (with a lock, so two `gonogo migrate` wait
  // for each other), SQLite's without one. The SQLite driver has one connection, so a BEGIN here
  // holds for every statement the migrator runs; IMMEDIATE takes the write lock at once, so a
  // second process opening a new store waits instead of racing.
  if (backend === "sqlite") await sql`BEGIN IMMEDIATE`.execute(db);
  const { error, results = [] } = options.to
    ? await steps.migrateTo(options.to)
    : await steps.migrateToLatest();
  if (backend === "sqlite") await sql.raw(error ? "ROLLBACK" : "COMMIT").execute(db);
  if (error) throw error;
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The migrations not yet applied, in order, and how many there are in all. Changes nothing. */
export async function pendingMigrations(
  db: Kysely<Database>,
  backend: StoreBackend,
): Promise<{ pending: string[]; total: number }> {
  const schema = await migrationTableSchema(db, backend);
  const migrations = await migrator(db, MIGRATIONS[backend], schema).getMigrations();
  const pending = migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
  return { pending, total: migrations.length };
}

/**
 * Refuses a store whose schema is behind this gonogo, changing nothing: "no store at" when it has
 * none of gonogo's tables and `existing` (a reading command: a mistyped location is not a store),
 * else "N migrations pending" with the command that applies them (`migrateHint`, no password).
 */
export async function assertMigrated(
  db: Kysely<Database>,
  backend: StoreBackend,
  where: { location: string; migrateHint: string; existing: boolean },
): Promise<void> {
  const { pending, total } = await pendingMigrations(db, backend);
  if (pending.length === 0) return;
  if (where.existing && pending.length === total)
    throw new GonogoError(
      "not-found",
      `no store at ${where.location}`,
      backend === "postgres"
        ? [`give the database gonogo's tables: gonogo migrate --store ${where.migrateHint}`]
        : ["run `gonogo verify` first, name the checklist (--checklist FILE) or the store (--store)"],
    );
  const count = `${pending.length} migration${pending.length === 1 ? "" : "s"}`;
  throw new GonogoError(
    "unavailable",
    `store ${where.location}: ${count} pending; run gonogo migrate --store ${where.migrateHint}`,
    [`not applied: ${pending.join(", ")}`],
  );
}
