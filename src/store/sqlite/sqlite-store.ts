import { existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { GonogoError } from "../../core/errors.js";
import { specialFileKind } from "../../core/fs-failure.js";
import { composeStore } from "../compose-store.js";
import type { Store } from "../store.js";
import { describeStoreFailure, storeFailureError } from "../store-failure.js";
import { applyMigrations, assertMigrated, type MigrationTrigger } from "../store-migrations.js";
import type { Database } from "../tables.js";

/**
 * SQLite opens whatever it is given, and beside it writes `-journal`/`-wal` files: `/dev/null`
 * would get `/dev/null-journal`. A path that is there must be a plain file.
 */
function assertStoreFile(file: string): void {
  const info = statSync(file, { throwIfNoEntry: false });
  const kind = info?.isDirectory() ? "a directory" : info ? specialFileKind(info) : null;
  if (kind !== null)
    throw new GonogoError(
      "input",
      `store ${file}: is ${kind}, not a store file (name a SQLite file, e.g. .gonogo/gonogo.db, or a postgres:// URL)`,
    );
}

/**
 * One SQLite file in WAL mode, so a run killed half way leaves every committed row readable, and
 * a reader (`gonogo history`) never waits for a running `verify`. `existing`: the file must
 * already be there; nothing is created.
 */
async function connectSqlite(file: string, existing: boolean): Promise<Kysely<Database>> {
  if (existing && !existsSync(file))
    throw new GonogoError("not-found", `no store at ${file}`, [
      "run `gonogo verify` first, name the checklist (--checklist FILE) or the store (--store)",
    ]);
  if (!existing) {
    try {
      await mkdir(dirname(file), { recursive: true });
    } catch (error) {
      throw new GonogoError(
        "unavailable",
        `store ${file}: cannot create its folder: ${(error as Error).message}`,
        ["name a store file in a folder you can write (--store FILE), or --no-store"],
        { cause: error },
      );
    }
  }
  assertStoreFile(file);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { fileMustExist: existing });
    sqlite.pragma("journal_mode = WAL");
  } catch (error) {
    const cause = describeStoreFailure(error) ?? (error as Error).message;
    throw new GonogoError("unavailable", `store ${file}: cannot open: ${cause}`, [], { cause: error });
  }
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** Runs `step` on `db`; on failure closes it and says what failed in one line naming the store. */
async function orClose<T>(db: Kysely<Database>, file: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw storeFailureError(file, error);
  }
}

async function migrateOpen(
  db: Kysely<Database>,
  file: string,
  actor: string,
  via: MigrationTrigger,
): Promise<string[]> {
  try {
    return await applyMigrations(db, "sqlite", actor, { via });
  } catch (error) {
    const cause = describeStoreFailure(error);
    if (cause !== null) throw error;
    throw new GonogoError("unavailable", `store ${file}: migration failed: ${(error as Error).message}`, [], {
      cause: error,
    });
  }
}

/**
 * The embedded store. It is one user's file, so it migrates itself when opened (each migration an
 * audit event naming `actor`); `existing` (reading commands) changes nothing and refuses a file
 * whose schema is behind.
 */
export async function openSqliteStore(file: string, actor: string, existing = false): Promise<Store> {
  const db = await connectSqlite(file, existing);
  await orClose(db, file, async () => {
    if (existing) await assertMigrated(db, "sqlite", { location: file, migrateHint: file, existing });
    else await migrateOpen(db, file, actor, "store opened");
  });
  return composeStore(db, "sqlite", file, actor);
}

/** `gonogo migrate` on a SQLite file (created if missing): the migrations it applied. */
export async function migrateSqliteStore(file: string, actor: string): Promise<string[]> {
  const db = await connectSqlite(file, false);
  const applied = await orClose(db, file, () => migrateOpen(db, file, actor, "gonogo migrate"));
  await db.destroy();
  return applied;
}
