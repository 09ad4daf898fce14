import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { GonogoError } from "../../core/errors.js";
import { buildApp } from "../../server/app.js";
import { createMetrics, type ServerMetrics, serverJobMetrics } from "../../server/metrics.js";
import {
  loadServerConfig,
  SERVER_CONFIG_EXAMPLE,
  SERVER_CONFIG_FILE,
  type ServerConfig,
} from "../../server/server-config.js";
import { type ServerJobs, startServerJobs } from "../../server/server-jobs.js";
import { servicesOf } from "../../server/service-runs.js";
import { openStore } from "../../store/index.js";

export interface ServeOptions {
  host: string;
  port: string;
  /** A SQLite file or a postgres:// URL; default: $GONOGO_STORE, else .gonogo/gonogo.db beside the server config. */
  store?: string;
  config?: string;
  /** false (`--no-work`): queue runs for `gonogo worker` processes only, run none here (Postgres store). */
  work?: boolean;
}

/**
 * `gonogo serve`: the readiness service for the services gonogo-server.yml names, and their
 * scheduled re-verification. Prints `gonogo: serving on http://HOST:PORT` on stderr once
 * listening. Runs go through the job queue (src/jobs/): run here on SQLite; on Postgres queued in
 * pg-boss and run here too unless `--no-work` leaves them to `gonogo worker` processes. SIGINT or
 * SIGTERM closes the server, stops scheduling and claiming, gives running jobs `jobs.shutdown_grace`
 * (then hands them back: their runs are recorded incomplete), says what happened, closes the store; exit 0.
 */
export async function runServe(options: ServeOptions): Promise<number> {
  const port = parsePort(options.port);
  const serverConfig = await loadServerConfig(serverConfigPath(options.config));
  const storeUrl = serverStoreLocation(options.store, serverConfig);
  const store = await openStore({ store: storeUrl });
  const log = (line: string) => process.stderr.write(`gonogo: ${line}\n`);
  let app: Awaited<ReturnType<typeof buildApp>>;
  let jobs: ServerJobs | undefined;
  // Made once the jobs are (they count skipped slots); the jobs' notifier counts deliveries in them.
  let metrics: ServerMetrics | undefined;
  try {
    if (options.work === false && store.backend !== "postgres")
      throw new GonogoError(
        "usage",
        "--no-work: on the embedded SQLite store the server runs its jobs itself (workers need a postgres:// store)",
      );
    jobs = await startServerJobs({
      store,
      storeUrl,
      config: serverConfig,
      services: servicesOf(serverConfig.services),
      env: process.env,
      now: () => new Date(),
      log,
      work: options.work !== false,
      schedule: true,
      onDeliverySettled: (channel, status) => metrics?.countDelivery(channel, status),
      metrics: serverJobMetrics(() => metrics),
    });
    metrics = createMetrics(store, servicesOf(serverConfig.services), jobs.skipped);
    app = await buildApp(store, serverConfig, { env: process.env, log, jobs, metrics });
    await app.listen({ host: options.host, port }).catch((error: NodeJS.ErrnoException) => {
      throw new GonogoError("unavailable", `cannot listen on ${options.host}:${port}: ${error.message}`, [], {
        cause: error,
      });
    });
  } catch (error) {
    await jobs?.stop();
    await store.close();
    throw error;
  }
  const scheduled = serverConfig.services.filter((service) => service.schedule !== null).length;
  process.stderr.write(
    `gonogo: jobs: ${jobs.queue.kind === "pg-boss" ? "pg-boss on the Postgres store" : "in process"}; ${scheduled} of ${serverConfig.services.length} services scheduled${options.work === false ? "; runs left to gonogo worker processes" : ""}\n`,
  );
  const address = app.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  process.stderr.write(`gonogo: serving on http://${host}:${address.port}\n`);
  const signal = await new Promise<NodeJS.Signals>((done) => {
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  process.stderr.write(`gonogo: ${signal}: closing the server\n`);
  try {
    await app.close();
    const report = await jobs.stop();
    process.stderr.write(
      `gonogo: jobs stopped: ${report.finished} finished during shutdown, ${report.handedBack} handed back\n`,
    );
  } finally {
    await store.close();
  }
  process.stderr.write("gonogo: server closed\n");
  return 0;
}

/** `--config`, else gonogo-server.yml in the current folder; neither: say how to write one (exit 2). */
export function serverConfigPath(flag: string | undefined): string {
  if (flag) return flag;
  if (existsSync(SERVER_CONFIG_FILE)) return SERVER_CONFIG_FILE;
  throw new GonogoError(
    "usage",
    `no ${SERVER_CONFIG_FILE} in ${resolve(".")}: gonogo serve needs the list of services it serves`,
    SERVER_CONFIG_EXAMPLE,
  );
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new GonogoError("usage", `--port ${text}: not a port number (0-65535; 0 picks a free one)`);
  return port;
}

/**
 * The store runs are kept in: `--store`, else $GONOGO_STORE, else the embedded SQLite file beside
 * the server config. A Postgres database must be migrated already (`gonogo migrate`).
 */
export function serverStoreLocation(flag: string | undefined, config: ServerConfig): string {
  return flag || process.env.GONOGO_STORE || config.defaultStore;
}
