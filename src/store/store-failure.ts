import { GonogoError } from "../core/errors.js";
import { describeFsFailure, isFsFailure } from "../core/fs-failure.js";

/** SQLite result codes (better-sqlite3 puts them on `code`, extended codes after the base) in words. */
const SQLITE: [prefix: string, cause: string][] = [
  ["SQLITE_FULL", "the disk is full"],
  ["SQLITE_IOERR", "input/output error (is the disk full or gone?)"],
  ["SQLITE_READONLY", "it is read-only"],
  ["SQLITE_CANTOPEN", "the file cannot be opened"],
  ["SQLITE_PERM", "permission denied"],
  ["SQLITE_NOTADB", "it is not a SQLite database (is it the store file?)"],
  ["SQLITE_CORRUPT", "the database file is damaged"],
  ["SQLITE_BUSY", "another process holds it locked"],
  ["SQLITE_LOCKED", "another process holds it locked"],
];

/** Postgres SQLSTATE classes and codes about the server, not the statement. */
const POSTGRES: [prefix: string, cause: string][] = [
  ["53100", "the database server's disk is full"],
  ["53", "the database server is out of resources"],
  ["08", "the connection to the database failed"],
  ["57P", "the database server is shutting down"],
  ["25006", "the database is read-only"],
  ["ECONN", "the connection to the database failed"],
  ["ETIMEDOUT", "the connection to the database timed out"],
];

/**
 * Why the store failed, when the cause is its disk, file or server (a full disk, a file that is
 * not a database, a lost connection); null for anything else, which would be a bug of ours.
 */
export function describeStoreFailure(error: unknown): string | null {
  if (isFsFailure(error)) return describeFsFailure(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  const table = code.startsWith("SQLITE_") ? SQLITE : POSTGRES;
  const found = table.find(([prefix]) => code.startsWith(prefix));
  return found ? `${found[1]} (${code})` : null;
}

/** The store's failure as the error a user gets: one line naming the store and the cause. */
export function storeFailureError(location: string, error: unknown): unknown {
  const cause = describeStoreFailure(error);
  return cause === null
    ? error
    : new GonogoError("unavailable", `store ${location}: ${cause}`, [], { cause: error });
}

/**
 * `store` with every method's failure of disk, file or server turned into `storeFailureError`,
 * so `gonogo attest` on a full disk says so in one line instead of printing a driver's stack.
 */
export function guardStoreFailures<S extends object>(store: S, location: string): S {
  const guarded = { ...store } as Record<string, unknown>;
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== "function") continue;
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await (value as (...a: unknown[]) => Promise<unknown>).apply(store, args);
      } catch (error) {
        throw storeFailureError(location, error);
      }
    };
  }
  return guarded as S;
}
