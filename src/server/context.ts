import type { Store } from "../store/index.js";
import type { ServerMetrics } from "./metrics.js";
import type { ReportCache } from "./report-cache.js";
import type { ServerConfig } from "./server-config.js";
import type { ServerJobs } from "./server-jobs.js";
import type { Service } from "./service-runs.js";

/** What every route reads: the store, the services served, the metrics, and the server's inputs. */
export interface ServerContext {
  store: Store;
  config: ServerConfig;
  services: Service[];
  metrics: ServerMetrics;
  /** Finished runs' reports, kept as text once read (they never change). */
  reports: ReportCache;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Aborted when the server shuts down: running verifications stop and record what they measured. */
  shutdown: AbortSignal;
  /** Where runs asked for (and scheduled) go: see src/jobs/. */
  jobs: ServerJobs;
}
