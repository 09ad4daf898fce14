import { GonogoError } from "../../core/errors.js";
import { loadServerConfig } from "../../server/server-config.js";
import { startServerJobs } from "../../server/server-jobs.js";
import { servicesOf } from "../../server/service-runs.js";
import { openStore } from "../../store/index.js";
import { serverConfigPath, serverStoreLocation } from "./serve.js";

export interface WorkerOptions {
  /** A postgres:// URL (default: $GONOGO_STORE). */
  store?: string;
  config?: string;
  concurrency?: string;
}

/**
 * `gonogo worker`: claims jobs that `gonogo serve` queued on a Postgres store and runs them through
 * the pipeline, at most `--concurrency` at a time, for the services gonogo-server.yml names (the
 * same file the server reads). Prints `gonogo: worker ready` on stderr once claiming. SIGTERM or
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
  const store = await openStore({ store: location });
  const log = (line: string) => process.stderr.write(`gonogo: ${line}\n`);
  try {
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
    });
    log(
      `worker ready: claiming jobs from ${store.location} for ${serverConfig.services.length} services, ${concurrency ?? serverConfig.jobs.concurrency} at a time (pid ${process.pid})`,
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
