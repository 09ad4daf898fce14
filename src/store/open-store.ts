import { userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Store, StoreBackend } from "./store.js";

export interface OpenStoreOptions {
  /** `--store`: a SQLite file or a `postgres://` URL. */
  store?: string;
  /** The checklist whose `.gonogo/` holds the default store; the current folder without one. */
  checklistPath?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Open only a store that already holds gonogo's tables, and change nothing: what reading
   * commands (history, show, diff, audit) use, so a mistyped path or URL never gets tables.
   */
  existing?: boolean;
}

/** Where runs are kept: `--store`, else `GONOGO_STORE`, else `.gonogo/gonogo.db` beside the checklist. */
export function storeLocation(options: OpenStoreOptions): string {
  const env = options.env ?? process.env;
  const explicit = options.store ?? (env.GONOGO_STORE || undefined);
  if (explicit) return explicit;
  const base = options.checklistPath ? dirname(resolve(options.checklistPath)) : process.cwd();
  return join(base, ".gonogo", "gonogo.db");
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** Who is acting, for runs and audit events: `GONOGO_USER`, else the login name. */
export function currentUser(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GONOGO_USER) return env.GONOGO_USER;
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? "unknown";
  }
}

/**
 * Opens the store the options name. The embedded SQLite file is created and migrated as needed; a
 * Postgres database must be migrated already (`migrateStore`, `gonogo migrate`), else an unavailable
 * error says how. With `existing`, only a store already there opens ("no store at ..." otherwise).
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const location = storeLocation(options);
  const actor = currentUser(options.env);
  const existing = options.existing ?? false;
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import("./postgres/postgres-store.js");
    return openPostgresStore(location, actor, existing);
  }
  const { openSqliteStore } = await import("./sqlite/sqlite-store.js");
  return openSqliteStore(location, actor, existing);
}

/** What `migrateStore` did: the store as it may be printed (no password) and the migrations applied. */
export interface MigrationReport {
  backend: StoreBackend;
  location: string;
  applied: string[];
}

/**
 * Brings the store the options name up to date (creating a SQLite file if missing); each applied
 * migration is an audit event naming the current user. Applying none is not an error.
 */
export async function migrateStore(
  options: Omit<OpenStoreOptions, "existing"> = {},
): Promise<MigrationReport> {
  const location = storeLocation(options);
  const actor = currentUser(options.env);
  if (isPostgresUrl(location)) {
    const { migratePostgresStore } = await import("./postgres/postgres-store.js");
    const { describePostgresUrl } = await import("./postgres/postgres-url.js");
    const applied = await migratePostgresStore(location, actor);
    return { backend: "postgres", location: describePostgresUrl(location), applied };
  }
  const { migrateSqliteStore } = await import("./sqlite/sqlite-store.js");
  return { backend: "sqlite", location, applied: await migrateSqliteStore(location, actor) };
}
