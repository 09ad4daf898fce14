import type { CatalogRequest, SqlOutcome } from "./plan.js";

/**
 * What sqlite-runner.ts sends the child process that runs the query, and what comes back.
 * better-sqlite3 is synchronous and cannot be interrupted, so the query runs in a process that can be
 * killed at the deadline. The child may only import types from here: it runs as a plain script.
 */
export interface SqliteRequest {
  file: string;
  readOnly: boolean;
  /** Wait at most this long for a lock held by another connection. */
  busyTimeoutMs: number;
  query: string | undefined;
  params: (string | number | null)[];
  catalog: CatalogRequest[];
}

export type SqliteReply =
  | { ok: true; outcome: SqlOutcome }
  | { ok: false; code: string | undefined; message: string };
