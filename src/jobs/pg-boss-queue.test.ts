import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL, postgresAdmin, uniqueName } from "../../test/support/db-context.js";
import { STORE_BACKENDS } from "../../test/support/store-backends.js";
import { GonogoError } from "../core/errors.js";
import { DEFAULT_JOB_SETTINGS } from "./job-settings.js";
import { pgBossQueue } from "./pg-boss-queue.js";

describe.skipIf(!STORE_BACKENDS.some((b) => b.name === "postgres"))("the pg-boss job queue", () => {
  const name = uniqueName("gonogo_jobs");
  const url = POSTGRES_URL.replace(/\/test$/, `/${name}`);
  beforeAll(() => postgresAdmin(`CREATE DATABASE ${name}`));
  afterAll(() => postgresAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it("ends a job whose every attempt threw with the last attempt's error, not a bare failure", async () => {
    const settings = { ...DEFAULT_JOB_SETTINGS, pollMs: 500, retries: 1 };
    const queue = await pgBossQueue(url, settings, () => {});
    try {
      const attempts: number[] = [];
      await queue.work(
        async (job) => {
          attempts.push(job.attempt);
          throw new GonogoError("unavailable", `service "orders": attempt ${job.attempt}: cannot fetch`, [
            "from its git: block",
          ]);
        },
        { concurrency: 1 },
      );
      const id = await queue.enqueue({ service: "orders", actor: "t", reason: "api", scheduledFor: null });
      const outcome = await queue.outcome(id ?? "", AbortSignal.timeout(60_000));
      expect(outcome).toEqual({
        kind: "failed",
        attempts: 2,
        error: {
          kind: "unavailable",
          message: 'service "orders": attempt 1: cannot fetch',
          details: ["from its git: block"],
        },
      });
      expect(attempts).toEqual([0, 1]);
    } finally {
      await queue.stop({ graceMs: 0 });
    }
  }, 90_000);
});
