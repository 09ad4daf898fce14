import type pg from "pg";
import type { TargetLock } from "../core/target-lock.js";

/**
 * Target locks across every worker on one Postgres: a session advisory lock on a 64-bit hash of
 * the key (`hashtextextended`), held on a connection of its own for the check's whole run. A worker
 * that dies drops its connection, and Postgres releases its locks with it. The wait polls
 * `pg_try_advisory_lock` (every `pollMs`) instead of blocking in `pg_advisory_lock`, so a shutdown
 * or a job's lost lease stops the wait at once.
 */
export async function postgresTargetLock(
  url: string,
  pollMs = 100,
): Promise<TargetLock & { close(): Promise<void> }> {
  const { default: pgModule } = await import("pg");
  const pool: pg.Pool = new pgModule.Pool({ connectionString: url, application_name: "gonogo-target-lock" });
  pool.on("error", () => {});
  return {
    async acquire(key, signal) {
      const client = await pool.connect();
      try {
        for (;;) {
          signal.throwIfAborted();
          const { rows } = await client.query<{ ok: boolean }>(
            "select pg_try_advisory_lock(hashtextextended($1, 0)) as ok",
            [`gonogo:load:${key}`],
          );
          if (rows[0]?.ok) break;
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
      } catch (error) {
        client.release();
        throw error;
      }
      return async () => {
        try {
          await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [`gonogo:load:${key}`]);
          client.release();
        } catch (error) {
          // A connection that cannot unlock is closed: Postgres drops its locks with it.
          client.release(error as Error);
        }
      };
    },
    async close() {
      await pool.end();
    },
  };
}
