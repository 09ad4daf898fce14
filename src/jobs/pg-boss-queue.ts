import type { JobWithMetadata, PgBoss } from "pg-boss";
import { type ClaimLoop, startClaimLoop } from "./claim-loop.js";
import {
  type Job,
  type JobHandler,
  type JobOutcome,
  type JobQueue,
  type JobRequest,
  type JobState,
  jobErrorOf,
  type StopReport,
  VERIFY_QUEUE,
} from "./job.js";
import type { JobSettings } from "./job-settings.js";

/** The pg-boss queue gonogo's jobs wait in. */
export const QUEUE = VERIFY_QUEUE;

const STATES: Record<string, JobState> = {
  created: "queued",
  retry: "queued",
  active: "active",
  completed: "done",
  cancelled: "failed",
  failed: "failed",
};

/**
 * The job queue on a Postgres store: pg-boss, in its own `pgboss` schema of the same database
 * (installed on first start). Servers enqueue; `gonogo worker` processes claim with SKIP LOCKED,
 * keeping `concurrency` jobs in flight each (see `startClaimLoop`). A claimed job holds a lease of `settings.leaseMs`: when its worker
 * dies, pg-boss's supervisor expires it and it is retried (up to `settings.retries` times).
 * pg-boss is imported only here, when the store is Postgres.
 */
export async function pgBossQueue(
  url: string,
  settings: JobSettings,
  log: (line: string) => void,
): Promise<JobQueue> {
  const { PgBoss: Boss } = await import("pg-boss");
  const boss: PgBoss = new Boss({
    connectionString: url,
    application_name: "gonogo-jobs",
    // Expiry of a dead worker's lease runs in pg-boss's monitor pass: both timers follow the setting.
    superviseIntervalSeconds: Math.max(1, Math.round(settings.superviseMs / 1000)),
    monitorIntervalSeconds: Math.max(1, Math.round(settings.superviseMs / 1000)),
    schedule: false,
  });
  boss.on("error", (error: Error) => log(`jobs: pg-boss: ${error.message}`));
  await boss.start();
  await boss.createQueue(QUEUE, {
    expireInSeconds: Math.max(1, Math.round(settings.leaseMs / 1000)),
    retryLimit: settings.retries,
    retryDelay: 0,
  });
  const running = new Map<string, AbortController>();
  let settledSinceStop = 0;
  let claiming: ClaimLoop | null = null;

  /**
   * Runs a claimed job under its lease (aborted when the lease ends: pg-boss's supervisor hands the
   * job to another worker then) and settles it: completed with the handler's outcome, or failed
   * (retried while retries are left) when the handler threw. Settling is fenced to this attempt.
   */
  async function runClaimed(claimed: JobWithMetadata<JobRequest>, handler: JobHandler): Promise<void> {
    const controller = new AbortController();
    const leaseMs = Number.isFinite(claimed.expireInSeconds)
      ? claimed.expireInSeconds * 1000
      : settings.leaseMs;
    const lease = setTimeout(() => controller.abort(new Error("the job's lease ended")), leaseMs);
    running.set(claimed.id, controller);
    const attempt = { id: claimed.id, retryCount: claimed.retryCount };
    const job: Job = {
      ...claimed.data,
      id: claimed.id,
      attempt: claimed.retryCount,
      waitedMs: waitedMs(claimed),
    };
    try {
      let outcome: JobOutcome;
      try {
        outcome = await handler(job, controller.signal);
      } catch (error) {
        // Kept as the attempt's output: its kind, message and details are what `outcome` answers
        // the API with once the retries are spent (an unreachable repository, named).
        await boss.fail(QUEUE, attempt, { ...jobErrorOf(error) });
        return;
      }
      await boss.complete(QUEUE, attempt, outcome);
    } catch (error) {
      // The database away: the job's lease runs out and another attempt settles it.
      log(`jobs: could not settle job ${claimed.id}: ${(error as Error).message}`);
    } finally {
      clearTimeout(lease);
      running.delete(claimed.id);
      settledSinceStop += 1;
    }
  }

  const find = async (id: string) => (await boss.findJobs<JobRequest>(QUEUE, { id }))[0];

  return {
    kind: "pg-boss",
    async enqueue(request, id) {
      return boss.send(QUEUE, { ...request }, id === undefined ? {} : { id });
    },
    async state(id) {
      const job = await find(id);
      return job ? (STATES[job.state] ?? "unknown") : "unknown";
    },
    async outcome(id, signal) {
      while (!signal.aborted) {
        const job = await find(id);
        if (!job) return null;
        if (job.state === "completed") return job.output as JobOutcome;
        // pg-boss keeps the last attempt's error (serialized: message, name, a GonogoError's kind and details).
        if (job.state === "failed" && job.output)
          return { kind: "failed", attempts: job.retryCount + 1, error: jobErrorOf(job.output) };
        if (job.state === "failed" || job.state === "cancelled") return null;
        await sleep(settings.pollMs, signal);
      }
      return null;
    },
    async work(handler: JobHandler, { concurrency }) {
      claiming = startClaimLoop({
        concurrency: Math.max(1, concurrency),
        pollMs: settings.pollMs,
        claim: (count) => boss.fetch<JobRequest>(QUEUE, { batchSize: count, includeMetadata: true }),
        run: (claimed) => runClaimed(claimed, handler),
        onError: (error) => log(`jobs: could not claim jobs: ${error.message}`),
      });
    },
    async stop({ graceMs }): Promise<StopReport> {
      await claiming?.stop();
      settledSinceStop = 0;
      const deadline = Date.now() + graceMs;
      while (running.size > 0 && Date.now() < deadline) await sleep(Math.min(100, settings.pollMs));
      const handedBack = running.size;
      for (const controller of running.values()) controller.abort(new Error("the worker is shutting down"));
      // The aborted handlers record their runs incomplete and throw: pg-boss puts each job back in
      // `retry`, for another worker to claim at once.
      while (running.size > 0) await sleep(50);
      await boss.stop({ graceful: true, close: true, timeout: 10_000 });
      return { finished: settledSinceStop - handedBack, handedBack };
    },
  };
}

/** From when the job was due (queued, or its start time) to its claim, on the database's clock; 0 when unknown. */
function waitedMs(claimed: JobWithMetadata<JobRequest>): number {
  const time = (value: Date | null | undefined) => (value instanceof Date ? value.getTime() : Number.NaN);
  const waited = time(claimed.startedOn) - Math.max(time(claimed.createdOn), time(claimed.startAfter));
  return Number.isFinite(waited) ? Math.max(0, waited) : 0;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
