import type { PgBoss } from "pg-boss";
import {
  type Job,
  type JobHandler,
  type JobOutcome,
  type JobQueue,
  type JobRequest,
  type JobState,
  jobErrorOf,
  type StopReport,
} from "./job.js";
import type { JobSettings } from "./job-settings.js";

/** The pg-boss queue gonogo's jobs wait in. */
export const QUEUE = "gonogo-verify";

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
 * at most `concurrency` each. A claimed job holds a lease of `settings.leaseMs`: when its worker
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
  let workerId: string | null = null;

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
      workerId = await boss.work<JobRequest, JobOutcome>(
        QUEUE,
        {
          localConcurrency: Math.max(1, concurrency),
          pollingIntervalSeconds: Math.max(0.5, settings.pollMs / 1000),
        },
        async ([claimed]) => {
          if (!claimed) throw new Error("pg-boss handed over no job");
          const controller = new AbortController();
          const lost = () => controller.abort(new Error("the job's lease ended"));
          claimed.signal.addEventListener("abort", lost, { once: true });
          running.set(claimed.id, controller);
          const job: Job = { ...claimed.data, id: claimed.id, attempt: claimed.retryCount };
          try {
            return await handler(job, controller.signal);
          } finally {
            claimed.signal.removeEventListener("abort", lost);
            running.delete(claimed.id);
            settledSinceStop += 1;
          }
        },
      );
    },
    async stop({ graceMs }): Promise<StopReport> {
      if (workerId !== null) await boss.offWork(QUEUE, { wait: false });
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
