import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { JsonReport } from "../report/json.js";
import type { RunRecord, Store } from "../store/index.js";
import { type JobMetrics, jobSeries } from "./job-metrics.js";
import type { Service } from "./service-runs.js";

/**
 * What the workers report (queue depth, job pickup latency, schedule lag and period). The server
 * exposes these series from its start, empty until a worker sets them, so dashboards and alerts
 * can name them now. Call them from the process that sees the queue:
 *
 * @example metrics.workers.setQueueDepth("verify", await boss.getQueueSize("verify"));
 */
export interface WorkerMetrics {
  /** Jobs waiting in a queue now. */
  setQueueDepth(queue: string, depth: number): void;
  /** Seconds from a job being due to a worker picking it up. */
  observeJobPickup(queue: string, seconds: number): void;
  /** Seconds a service's scheduled run started after it was due. */
  setScheduleLag(service: string, seconds: number): void;
  /** A service's schedule period in seconds ("verdict older than 2 periods" alerts read it). */
  setSchedulePeriod(service: string, seconds: number): void;
}

/** What `/metrics` exposes, in one registry per server (so two servers in one test never mix). */
export interface ServerMetrics {
  registry: Registry;
  /** One answered request: its route pattern (`/api/v1/runs/:id`, or `unmatched`), status and seconds. */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  /** A run this server made, by its verdict. */
  countRun(service: string, verdict: "GO" | "NO-GO"): void;
  /** A run this server made: counted by verdict, and each check's duration and result by probe. */
  observeRun(service: string, report: JsonReport): void;
  /** A run that could not be made or recorded, by the error's kind (`config`, `unavailable`, ...). */
  countRunError(service: string, kind: string): void;
  /** A notification delivery that ended, by channel and status. */
  countDelivery(channel: string, status: "delivered" | "failed"): void;
  workers: WorkerMetrics;
}

/** Each service's latest complete run, read once per scrape however many gauges need it. */
function latestRuns(store: Store, services: Service[]): () => Promise<Map<string, RunRecord>> {
  let pending: Promise<Map<string, RunRecord>> | null = null;
  return () => {
    pending ??= (async () => {
      // The runs' summaries only, a page of checklists per query: never their reports.
      const latest = await store
        .latestCompleteRuns(services.map((service) => service.key))
        .catch(() => new Map<string, RunRecord>());
      const runs = new Map<string, RunRecord>();
      for (const service of services) {
        const run = latest.get(service.key);
        if (run) runs.set(service.name, run);
      }
      return runs;
    })().finally(() => setTimeout(() => (pending = null), 0));
    return pending;
  };
}

/**
 * Request durations by route and status, runs by verdict, check durations by probe, each
 * service's readiness read from its latest complete run when Prometheus scrapes, notification
 * deliveries, and the workers' queue series (`WorkerMetrics`).
 */
export function createMetrics(
  store: Store,
  services: Service[],
  skippedSlots: ReadonlyMap<string, number> = new Map(),
): ServerMetrics {
  const registry = new Registry();
  const requests = new Histogram({
    name: "gonogo_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by route pattern, method and status",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  // Routes are patterns (`/api/v1/runs/:id`, or `unmatched`), so this stays as small as the route table.
  const requestSeries = new Map<string, ReturnType<typeof requests.labels>>();
  const jobs = jobSeries(registry);
  const deliveries = new Counter({
    name: "gonogo_notification_deliveries_total",
    help: "Notification deliveries that ended, by channel and status (delivered, failed)",
    labelNames: ["channel", "status"] as const,
    registers: [registry],
  });
  new Counter({
    name: "gonogo_schedule_skipped_total",
    help: "Scheduled runs skipped because the service's previous run had not ended, by checklist",
    labelNames: ["checklist"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [checklist, count] of skippedSlots) this.inc({ checklist }, count);
    },
  });
  const latest = latestRuns(store, services);
  const perService = (name: string, help: string, pick: (run: RunRecord) => number | undefined) =>
    new Gauge({
      name,
      help,
      labelNames: ["checklist"] as const,
      registers: [registry],
      async collect() {
        const current = await latest();
        this.reset();
        for (const [service, run] of current) {
          const value = pick(run);
          if (value !== undefined) this.set({ checklist: service }, value);
        }
      },
    });
  perService(
    "gonogo_checklist_verified_percent",
    "Verified % (pass + attested of applicable items) of each checklist's latest complete run",
    (run) => run.summary?.verifiedPct,
  );
  perService(
    "gonogo_checklist_claimed_percent",
    "Claimed % (verified + claimed of applicable items) of each checklist's latest complete run",
    (run) => run.summary?.claimedPct,
  );
  perService(
    "gonogo_checklist_verified_ratio",
    "Verified ratio (0-1) of each checklist's latest complete run",
    (run) => (run.summary ? run.summary.verifiedPct / 100 : undefined),
  );
  perService("gonogo_checklist_go", "1 when a checklist's latest complete run is GO, 0 when NO-GO", (run) =>
    run.verdict === null ? undefined : run.verdict === "GO" ? 1 : 0,
  );
  perService(
    "gonogo_checklist_failing_items",
    "Items not ready because a check failed or could not run (fail + error), latest complete run",
    (run) => (run.summary ? run.summary.fail + run.summary.error : undefined),
  );
  perService(
    "gonogo_checklist_last_run_timestamp_seconds",
    "When each checklist's latest complete run finished (Unix seconds): how old its verdict is",
    (run) => Date.parse(run.finishedAt ?? run.startedAt) / 1000,
  );
  const queueDepth = new Gauge({
    name: "gonogo_queue_depth",
    help: "Jobs waiting in a queue (set by the workers)",
    labelNames: ["queue"] as const,
    registers: [registry],
  });
  const scheduleLag = new Gauge({
    name: "gonogo_schedule_lag_seconds",
    help: "Seconds a service's latest scheduled run started after it was due (set by the workers)",
    labelNames: ["checklist"] as const,
    registers: [registry],
  });
  const schedulePeriod = new Gauge({
    name: "gonogo_schedule_period_seconds",
    help: "A service's re-verification period in seconds (set by the workers)",
    labelNames: ["checklist"] as const,
    registers: [registry],
  });
  return {
    registry,
    observeRequest(route, method, status, seconds) {
      // The series of a route, method and status, looked up by one string key: prom-client
      // otherwise sorts and joins the label object on every request.
      const key = `${method} ${status} ${route}`;
      let series = requestSeries.get(key);
      if (series === undefined) {
        series = requests.labels({ route, method, status: String(status) });
        requestSeries.set(key, series);
      }
      series.observe(seconds);
    },
    countRun: jobs.countRun,
    observeRun: jobs.observeRun,
    countRunError: jobs.countRunError,
    countDelivery: (channel, status) => deliveries.inc({ channel, status }),
    workers: {
      setQueueDepth: (queue, depth) => queueDepth.set({ queue }, depth),
      observeJobPickup: jobs.observeJobPickup,
      setScheduleLag: (service, seconds) => scheduleLag.set({ checklist: service }, seconds),
      setSchedulePeriod: (service, seconds) => schedulePeriod.set({ checklist: service }, seconds),
    },
  };
}

/**
 * The job metrics of a server that runs jobs, for `startServerJobs`, which starts before the
 * server's metrics exist (they count the slots its scheduler skips): observed once they do.
 */
export function serverJobMetrics(metrics: () => ServerMetrics | undefined): JobMetrics {
  return {
    observeJobPickup: (queue, seconds) => metrics()?.workers.observeJobPickup(queue, seconds),
    observeRun: (service, report) => metrics()?.observeRun(service, report),
    countRunError: (service, kind) => metrics()?.countRunError(service, kind),
  };
}
