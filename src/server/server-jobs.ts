import type { TargetLock } from "../core/target-lock.js";
import { inProcessQueue } from "../jobs/in-process-queue.js";
import type { JobQueue, StopReport } from "../jobs/job.js";
import { memoryTargetLock } from "../jobs/memory-target-lock.js";
import { startScheduler } from "../jobs/scheduler.js";
import { createNotifier, type Notifier } from "../notify/index.js";
import type { Store } from "../store/index.js";
import type { JobMetrics } from "./job-metrics.js";
import type { ServerConfig } from "./server-config.js";
import { serviceJobHandler } from "./service-jobs.js";
import type { Service } from "./service-runs.js";

/** The jobs side of a server or worker process: its queue, what it runs, what it schedules. */
export interface ServerJobs {
  queue: JobQueue;
  /** Scheduled slots skipped because the service's previous run had not ended, by service. */
  skipped: ReadonlyMap<string, number>;
  /** Tells the services' owners what the runs made here changed (notify/); closed by `stop`. */
  notifier: Notifier;
  /** Stops scheduling and claiming; running jobs get the grace period, then are handed back. */
  stop(): Promise<StopReport>;
}

export interface ServerJobsOptions {
  store: Store;
  /** The store's URL with its password (the store's `location` has none): pg-boss and the locks connect with it. */
  storeUrl: string;
  config: ServerConfig;
  services: Service[];
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  log: (line: string) => void;
  /** Claim and run jobs here (a worker; a server unless told not to). */
  work: boolean;
  /** Queue the services' scheduled runs (servers). */
  schedule: boolean;
  /** Told of each notification delivery that ended (the server's metrics). */
  onDeliverySettled?: (channel: string, status: "delivered" | "failed") => void;
  /** Jobs run at once by this process (default: the config's `jobs.concurrency`). */
  concurrency?: number;
  /** Told of each job picked up and each run made here (the process's /metrics). */
  metrics?: JobMetrics;
}

/**
 * One queue behind one interface: pg-boss when the store is Postgres (with advisory locks on load
 * targets across every worker), in memory when it is the embedded SQLite file (the server runs its
 * jobs itself, with in-memory target locks). Either way the same handler runs each job.
 */
export async function startServerJobs(options: ServerJobsOptions): Promise<ServerJobs> {
  const settings = options.config.jobs;
  let queue: JobQueue;
  let lock: TargetLock & { close?(): Promise<void> };
  if (options.store.backend === "postgres") {
    const { pgBossQueue } = await import("../jobs/pg-boss-queue.js");
    const { postgresTargetLock } = await import("../jobs/postgres-target-lock.js");
    queue = await pgBossQueue(options.storeUrl, settings, options.log);
    lock = await postgresTargetLock(options.storeUrl);
  } else {
    queue = inProcessQueue({ retries: settings.retries });
    lock = memoryTargetLock();
  }
  // Whoever records runs notifies of what they changed: workers and servers alike (deduped in the store).
  const notifier = createNotifier({
    store: options.store,
    config: options.config.notifications,
    services: options.services,
    env: options.env,
    now: options.now,
    log: options.log,
    onSettled: (delivery, status) => options.onDeliverySettled?.(delivery.channel, status),
  });
  if (options.work)
    await queue.work(
      serviceJobHandler({
        notifier,
        store: options.store,
        services: options.services,
        env: options.env,
        configFile: options.config.path,
        now: options.now,
        targetLock: lock,
        log: options.log,
        ...(options.metrics && { metrics: options.metrics }),
      }),
      { concurrency: options.concurrency ?? settings.concurrency },
    );
  if (options.store.backend !== "postgres" && options.work) await requeueCutOff(queue, options);
  const scheduled = options.services.flatMap((s) =>
    s.schedule ? [{ name: s.name, schedule: s.schedule }] : [],
  );
  const scheduler =
    options.schedule && scheduled.length > 0
      ? startScheduler({
          queue,
          services: scheduled,
          maxJitterMs: settings.maxJitterMs,
          now: options.now,
          log: options.log,
        })
      : null;
  return {
    queue,
    skipped: scheduler?.skipped ?? new Map(),
    notifier,
    async stop() {
      scheduler?.stop();
      const report = await queue.stop({ graceMs: settings.shutdownGraceMs });
      await lock.close?.();
      await notifier.close();
      return report;
    },
  };
}

/** How far back an in-process queue looks for jobs its process was killed in the middle of. */
const REQUEUE_WINDOW_MS = 24 * 3_600_000;

/**
 * In-process jobs live in memory: a job whose process died mid-run or handed it back on shutdown is
 * found again by its incomplete run (with no complete run of the same job) and queued again under
 * its id. Jobs queued but not started when the process ended are not kept: their next slot runs.
 */
async function requeueCutOff(queue: JobQueue, options: ServerJobsOptions): Promise<void> {
  const since = new Date(options.now().getTime() - REQUEUE_WINDOW_MS).toISOString();
  const seen = new Set<string>();
  for (const run of await options.store.listCutOffJobRuns(since)) {
    const service = options.services.find((s) => s.key === run.checklist);
    if (!run.jobId || !service || seen.has(run.jobId)) continue;
    seen.add(run.jobId);
    await queue.enqueue(
      {
        service: service.name,
        actor: run.runBy,
        reason: run.runBy === "schedule" ? "schedule" : "api",
        scheduledFor: null,
      },
      run.jobId,
    );
    options.log(`jobs: job ${run.jobId} (${service.name}) was cut off in run #${run.id}: queued again`);
  }
}
