import { GonogoError, isGonogoError } from "../core/errors.js";
import type { TargetLock } from "../core/target-lock.js";
import { type JobHandler, type JobOutcome, VERIFY_QUEUE } from "../jobs/job.js";
import type { Notifier } from "../notify/index.js";
import type { Store } from "../store/index.js";
import type { JobMetrics } from "./job-metrics.js";
import { findService, type Service } from "./service-runs.js";
import { verifyService } from "./verify-service.js";

export interface ServiceJobContext {
  store: Store;
  services: Service[];
  env: Readonly<Record<string, string | undefined>>;
  configFile: string;
  now: () => Date;
  targetLock: TargetLock;
  /** Told of each recorded run (notifications of what it changed). */
  notifier?: Notifier;
  /** One line per job (started, ended, skipped as done), for the process's log. */
  log: (line: string) => void;
  /** Told of each job picked up and each run made or failed (the process's /metrics). */
  metrics?: JobMetrics;
}

/** Errors a retry cannot mend: the job is ended with the error as its outcome, not retried. */
const FINAL_KINDS = new Set(["usage", "input", "config", "not-found"]);

/**
 * The one job handler, run by `gonogo worker` processes and by a server's in-process queue alike:
 * verifies the job's service through the pipeline and records the run with the job's id. At least
 * once made idempotent: a job that already has a complete run (its worker died after recording it)
 * is not run again, and should two attempts race, the store keeps only the first complete
 * (`runs_complete_job`), the other recorded incomplete. A job stopped half way (shutdown, lost
 * lease) throws after its run is recorded incomplete, so the queue hands it to another worker.
 */
export function serviceJobHandler(context: ServiceJobContext): JobHandler {
  return async function runServiceJob(job, signal): Promise<JobOutcome> {
    context.metrics?.observeJobPickup(VERIFY_QUEUE, job.waitedMs / 1000);
    const done = (await context.store.listJobRuns(job.id)).find((run) => run.complete);
    if (done) {
      context.log(`job ${job.id} (${job.service}) was completed by run #${done.id} already: not run again`);
      return { kind: "run", runId: done.id, complete: true, verdict: done.verdict, duplicate: true };
    }
    context.log(`job ${job.id} (${job.service}, ${job.reason}) attempt ${job.attempt + 1}: started`);
    try {
      const service = findService(context.services, job.service);
      const run = await verifyService(service, {
        store: context.store,
        env: context.env,
        configFile: context.configFile,
        signal,
        now: context.now,
        actor: job.actor,
        jobId: job.id,
        targetLock: context.targetLock,
        ...(context.notifier && { notifier: context.notifier }),
      });
      if (signal.aborted)
        throw new Error(
          `job ${job.id} stopped half way (${String(signal.reason?.message ?? signal.reason)}): run #${run.runId} is recorded incomplete`,
        );
      context.metrics?.observeRun(job.service, run.report);
      const verdict = run.report.verdict ?? null;
      context.log(
        `job ${job.id} (${job.service}): run #${run.runId} ${run.complete ? "complete" : "incomplete"}, ${verdict}`,
      );
      return { kind: "run", runId: run.runId, complete: run.complete, verdict, duplicate: false };
    } catch (error) {
      if (isGonogoError(error) && error.kind === "conflict") {
        context.log(`job ${job.id} (${job.service}): ${error.message}`);
        const winner = (await context.store.listJobRuns(job.id)).find((run) => run.complete);
        if (winner)
          return { kind: "run", runId: winner.id, complete: true, verdict: winner.verdict, duplicate: true };
      }
      context.metrics?.countRunError(job.service, isGonogoError(error) ? error.kind : "internal");
      if (isGonogoError(error) && FINAL_KINDS.has(error.kind)) {
        context.log(`job ${job.id} (${job.service}): refused: ${error.message}`);
        return {
          kind: "refused",
          error: { kind: error.kind, message: error.message, details: error.details },
        };
      }
      context.log(`job ${job.id} (${job.service}): failed, to be retried: ${(error as Error).message}`);
      throw error;
    }
  };
}

/**
 * A job that made no run, as the error it ended with, for the API to answer with: a refused job's
 * error as it was; a failed one's last error, saying how many attempts were made.
 */
export function refusal(
  outcome: Extract<JobOutcome, { kind: "refused" | "failed" }>,
  jobId: string,
): GonogoError {
  const { kind, message, details } = outcome.error;
  if (outcome.kind === "refused") return new GonogoError(kind, message, details);
  const attempts = `${outcome.attempts} attempt${outcome.attempts === 1 ? "" : "s"}`;
  return new GonogoError(kind, message, [
    ...details,
    `job ${jobId} failed after ${attempts}; this was the last one's error`,
  ]);
}
