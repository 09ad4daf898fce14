import { userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Store } from "./store.js";

export interface OpenStoreOptions {
  /** `--store`: a SQLite file or a `postgres://` URL. */
  store?: string;
  /** The checklist whose `.gonogo/` holds the default store; the current folder without one. */
  checklistPath?: string;
  env?: NodeJS.ProcessEnv;
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

/** Opens (creating and migrating as needed) the store the options name. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const location = storeLocation(options);
  const actor = currentUser(options.env);
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import("./postgres-dialect.js");
    return openPostgresStore(location, actor);
  }
  const { openSqliteStore } = await import("./sqlite-dialect.js");
  return openSqliteStore(location, actor);
}
