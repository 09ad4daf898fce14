import { Counter, Histogram, type Registry } from "prom-client";
import type { JsonReport } from "../report/json.js";

/**
 * What running jobs tells Prometheus: how long each waited to be picked up, the runs by verdict,
 * each check's duration by probe, the runs that could not be made. Observed by whichever process
 * runs the job: a `gonogo worker` (its `--metrics-port`) or a server running its own jobs.
 */
export interface JobMetrics {
  /** Seconds from a job being due to a worker picking it up. */
  observeJobPickup(queue: string, seconds: number): void;
  /** A run made: counted by verdict, and each check's duration and result by probe. */
  observeRun(service: string, report: JsonReport): void;
  /** A run that could not be made or recorded, by the error's kind (`config`, `unavailable`, ...). */
  countRunError(service: string, kind: string): void;
}

/** The series behind `JobMetrics`, registered in `registry`: one definition for servers and workers. */
export function jobSeries(
  registry: Registry,
): JobMetrics & { countRun(service: string, verdict: string): void } {
  const runs = new Counter({
    name: "gonogo_runs_total",
    help: "Verifications this process ran, by checklist and verdict",
    labelNames: ["checklist", "verdict"] as const,
    registers: [registry],
  });
  const runErrors = new Counter({
    name: "gonogo_run_errors_total",
    help: "Verifications this process could not make or record, by checklist and error kind",
    labelNames: ["checklist", "kind"] as const,
    registers: [registry],
  });
  const checkDurations = new Histogram({
    name: "gonogo_check_duration_seconds",
    help: "Time a check took, by probe and result (pass, fail, error)",
    labelNames: ["probe", "status"] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const pickup = new Histogram({
    name: "gonogo_job_pickup_latency_seconds",
    help: "Seconds from a job being due to a worker picking it up, observed where the job runs",
    labelNames: ["queue"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [registry],
  });
  return {
    countRun: (service, verdict) => runs.inc({ checklist: service, verdict }),
    observeJobPickup: (queue, seconds) => pickup.observe({ queue }, seconds),
    observeRun(service, report) {
      runs.inc({ checklist: service, verdict: report.verdict ?? "NO-GO" });
      // A check bound to several items is listed under each: observe it once.
      const seen = new Set<string>();
      for (const item of report.items)
        for (const check of item.checks ?? []) {
          if (seen.has(check.id)) continue;
          seen.add(check.id);
          checkDurations.observe({ probe: check.probe, status: check.status }, check.durationMs / 1000);
        }
    },
    countRunError: (service, kind) => runErrors.inc({ checklist: service, kind }),
  };
}
