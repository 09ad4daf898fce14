import { userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Store } from "./store.js";

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
 * Opens the store the options name, creating and migrating it as needed; with `existing`, only
 * one already there (else a not-found error, "no store at ...").
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const location = storeLocation(options);
  const actor = currentUser(options.env);
  const existing = options.existing ?? false;
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import("./postgres-dialect.js");
    return openPostgresStore(location, actor, existing);
  }
  const { openSqliteStore } = await import("./sqlite-dialect.js");
  return openSqliteStore(location, actor, existing);
}
