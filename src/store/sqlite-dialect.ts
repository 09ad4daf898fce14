import { existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { GonogoError } from "../core/errors.js";
import { specialFileKind } from "../core/fs-failure.js";
import { createKyselyStore } from "./kysely-store.js";
import type { Store } from "./store.js";
import { describeStoreFailure } from "./store-failure.js";
import type { Database } from "./tables.js";

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
 * The embedded store: one SQLite file in WAL mode, so a run killed half way leaves every committed
 * row readable, and a reader (`gonogo history`) never waits for a running `verify`.
 * `existing`: the file must already be a gonogo store; nothing is created.
 */
export async function openSqliteStore(file: string, actor: string, existing = false): Promise<Store> {
  if (existing && !existsSync(file))
    throw new GonogoError("usage", `no store at ${file}`, [
      "run `gonogo verify` first, name the checklist (--checklist FILE) or the store (--store)",
    ]);
  if (!existing) {
    try {
      await mkdir(dirname(file), { recursive: true });
    } catch (error) {
      throw new GonogoError("input", `store ${file}: cannot create its folder: ${(error as Error).message}`, [
        "name a store file in a folder you can write (--store FILE), or --no-store",
      ]);
    }
  }
  assertStoreFile(file);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { fileMustExist: existing });
    sqlite.pragma("journal_mode = WAL");
  } catch (error) {
    const cause = describeStoreFailure(error) ?? (error as Error).message;
    throw new GonogoError("input", `store ${file}: cannot open: ${cause}`);
  }
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return createKyselyStore(db, "sqlite", file, actor, { migrate: !existing });
}
