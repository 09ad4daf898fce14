import { Kysely, PostgresDialect } from "kysely";
import { GonogoError } from "../../core/errors.js";
import { composeStore } from "../compose-store.js";
import type { Store } from "../store.js";
import { describeStoreFailure, storeFailureError } from "../store-failure.js";
import { applyMigrations, assertMigrated } from "../store-migrations.js";
import type { Database } from "../tables.js";
import { storeTypes } from "./postgres-types.js";
import { describePostgresUrl, postgresUrlWithoutPassword } from "./postgres-url.js";

/**
 * A pool on `url` that reads native types in the store's shape (`storeTypes`). `pg` is imported
 * here only, so the default (SQLite) path never loads it.
 */
export async function connectPostgres(url: string): Promise<Kysely<Database>> {
  const { default: pg } = await import("pg");
  const location = describePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 10_000,
    types: storeTypes(pg.types),
  });
  // An idle connection the database ends (a restart, a failover, a dropped database) is an
  // 'error' on the pool; unheard, it would kill a long-running `gonogo serve`. pg discards that
  // client; the next query connects anew or fails as a store error its caller reports.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new GonogoError(
      "unavailable",
      `store ${location}: cannot connect: ${(error as Error).message}`,
      [],
      {
        cause: error,
      },
    );
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * A store on a Postgres database whose schema is already up to date. Schema changes are an
 * explicit step (`gonogo migrate`, `migratePostgresDatabase`): several processes share the
 * database, and none of them should change it because it happened to start first.
 * `existing` (reading commands): a database without gonogo's tables is "no store at".
 */
export async function openPostgresDatabase(
  db: Kysely<Database>,
  where: { location: string; migrateHint: string },
  actor: string,
  existing: boolean,
): Promise<Store> {
  try {
    await assertMigrated(db, "postgres", { ...where, existing });
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw storeFailureError(where.location, error);
  }
  return composeStore(db, "postgres", where.location, actor);
}

/** Applies the pending migrations to a Postgres database (each one an audit event naming `actor`). */
export async function migratePostgresDatabase(
  db: Kysely<Database>,
  location: string,
  actor: string,
): Promise<string[]> {
  try {
    return await applyMigrations(db, "postgres", actor, { via: "gonogo migrate" });
  } catch (error) {
    if (describeStoreFailure(error) !== null) throw storeFailureError(location, error);
    throw new GonogoError(
      "unavailable",
      `store ${location}: migration failed: ${(error as Error).message}`,
      [],
      {
        cause: error,
      },
    );
  }
}

/** The team store at `url` (see `openPostgresDatabase`). */
export async function openPostgresStore(url: string, actor: string, existing = false): Promise<Store> {
  const where = { location: describePostgresUrl(url), migrateHint: postgresUrlWithoutPassword(url) };
  return openPostgresDatabase(await connectPostgres(url), where, actor, existing);
}

/** `gonogo migrate` on the database at `url`: the migrations it applied. */
export async function migratePostgresStore(url: string, actor: string): Promise<string[]> {
  const db = await connectPostgres(url);
  try {
    return await migratePostgresDatabase(db, describePostgresUrl(url), actor);
  } finally {
    await db.destroy().catch(() => undefined);
  }
}
