import { GonogoError } from "../../core/errors.js";
import { loadServerConfig } from "../../server/server-config.js";
import { startServerJobs } from "../../server/server-jobs.js";
import { servicesOf } from "../../server/service-runs.js";
import { serveWorkerMetrics, type WorkerMetricsServer } from "../../server/worker-metrics.js";
import { openStore } from "../../store/index.js";
import { serverConfigPath, serverStoreLocation } from "./serve.js";

export interface WorkerOptions {
  /** A postgres:// URL (default: $GONOGO_STORE). */
  store?: string;
  config?: string;
  concurrency?: string;
  /** Serve the worker's /metrics on this port (0: a free one); none when absent. */
  metricsPort?: string;
  metricsHost?: string;
}

/**
 * `gonogo worker`: claims jobs that `gonogo serve` queued on a Postgres store and runs them through
 * the pipeline, keeping `--concurrency` in flight, for the services gonogo-server.yml names (the
 * same file the server reads). With `--metrics-port`, serves its own /metrics (job pickup latency,
 * check durations, runs; 127.0.0.1 unless `--metrics-host`). Prints `gonogo: worker ready` on stderr once claiming. SIGTERM or
 * SIGINT: stops claiming, gives running jobs `jobs.shutdown_grace` to finish, hands back the rest
 * (their runs recorded incomplete), prints what happened and exits 0.
 */
export async function runWorker(options: WorkerOptions): Promise<number> {
  const concurrency = parseConcurrency(options.concurrency);
  const serverConfig = await loadServerConfig(serverConfigPath(options.config));
  const location = serverStoreLocation(options.store, serverConfig);
  if (!/^postgres(ql)?:\/\//.test(location))
    throw new GonogoError(
      "usage",
      `gonogo worker needs a postgres:// store (got ${location}): on the embedded SQLite store, gonogo serve runs its jobs itself`,
    );
  const metricsPort = parsePort(options.metricsPort);
  const store = await openStore({ store: location });
  const log = (line: string) => process.stderr.write(`gonogo: ${line}\n`);
  let exposed: WorkerMetricsServer | null = null;
  try {
    if (metricsPort !== undefined)
      exposed = await serveWorkerMetrics(options.metricsHost ?? "127.0.0.1", metricsPort);
    const jobs = await startServerJobs({
      store,
      storeUrl: location,
      config: serverConfig,
      services: servicesOf(serverConfig.services),
      env: process.env,
      now: () => new Date(),
      log,
      work: true,
      schedule: false,
      ...(concurrency !== undefined && { concurrency }),
      ...(exposed && { metrics: exposed.metrics }),
    });
    const metricsAt = exposed ? `; metrics on ${exposed.url}` : "";
    log(
      `worker ready: claiming jobs from ${store.location} for ${serverConfig.services.length} services, ${concurrency ?? serverConfig.jobs.concurrency} at a time (pid ${process.pid})${metricsAt}`,
    );
    const signal = await new Promise<NodeJS.Signals>((done) => {
      process.once("SIGINT", done);
      process.once("SIGTERM", done);
    });
    log(
      `${signal}: no longer claiming jobs; running ones have ${serverConfig.jobs.shutdownGraceMs / 1000}s to finish`,
    );
    const report = await jobs.stop();
    log(`worker stopped: ${report.finished} jobs finished during shutdown, ${report.handedBack} handed back`);
  } finally {
    await exposed?.close();
    await store.close();
  }
  return 0;
}

function parseConcurrency(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 256)
    throw new GonogoError("usage", `--concurrency ${text}: a number of jobs at once, 1-256`);
  return n;
}

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535)
    throw new GonogoError("usage", `--metrics-port ${text}: a port number, 0-65535 (0: a free one)`);
  return n;
}
