import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Store } from "../store/index.js";
import { latestRun, type Service } from "./service-runs.js";

/** What `/metrics` exposes, in one registry per server (so two servers in one test never mix). */
export interface ServerMetrics {
  registry: Registry;
  /** One answered request: its route pattern (`/api/v1/runs/:id`, or `unmatched`), status and seconds. */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  /** A run this server made, by its verdict. */
  countRun(service: string, verdict: "GO" | "NO-GO"): void;
}

/**
 * Request durations by route and status, runs by verdict, and each service's readiness (verified
 * and claimed %) read from its latest complete run when Prometheus scrapes.
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
  const runs = new Counter({
    name: "gonogo_runs_total",
    help: "Verifications this server ran, by checklist and verdict",
    labelNames: ["checklist", "verdict"] as const,
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
  const readiness = (name: string, help: string, pick: "verifiedPct" | "claimedPct") =>
    new Gauge({
      name,
      help,
      labelNames: ["checklist"] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const service of services) {
          const run = await latestRun(store, service).catch(() => undefined);
          const value = run?.summary?.[pick];
          if (value !== undefined) this.set({ checklist: service.name }, value);
        }
      },
    });
  readiness(
    "gonogo_checklist_verified_percent",
    "Verified % (pass + attested of applicable items) of each checklist's latest complete run",
    "verifiedPct",
  );
  readiness(
    "gonogo_checklist_claimed_percent",
    "Claimed % (verified + claimed of applicable items) of each checklist's latest complete run",
    "claimedPct",
  );
  return {
    registry,
    observeRequest: (route, method, status, seconds) =>
      requests.observe({ route, method, status: String(status) }, seconds),
    countRun: (service, verdict) => runs.inc({ checklist: service, verdict }),
  };
}
