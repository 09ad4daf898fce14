import { Kysely, PostgresDialect } from "kysely";
import { GonogoError } from "../core/errors.js";
import { createKyselyStore } from "./kysely-store.js";
import type { Store } from "./store.js";
import type { Database } from "./tables.js";

/** `postgres://user:secret@host/db` as it may be printed: the password never is. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparsable URL)";
  }
}

/**
 * The team store. `pg` is imported here only, so the default (SQLite) path never loads it.
 * `existing`: the database must already hold gonogo's tables; nothing is created.
 */
export async function openPostgresStore(url: string, actor: string, existing = false): Promise<Store> {
  const { default: pg } = await import("pg");
  const location = describePostgresUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new GonogoError("input", `store ${location}: cannot connect: ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return createKyselyStore(db, "postgres", location, actor, { migrate: !existing });
}
