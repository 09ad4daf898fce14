import { ERROR_KINDS, type ErrorKind, isGonogoError } from "../core/errors.js";

/** Why a job exists: its service's schedule came due, or someone asked through the API. */
export type JobReason = "schedule" | "api";

/** What a job says to do: verify one service of gonogo-server.yml, recorded as run by `actor`. */
export interface JobRequest {
  service: string;
  actor: string;
  reason: JobReason;
  /** The schedule's slot (ISO time, before jitter) for a scheduled job; null for one asked for. */
  scheduledFor: string | null;
}

/** A job as a worker holds it: the request with its id, which the run records (`runs.job_id`). */
export interface Job extends JobRequest {
  id: string;
  /** 0 on the first attempt; each retry (after a lease ran out or a worker died) adds one. */
  attempt: number;
  /**
   * How long the job had been due when this attempt was claimed (ms; the job pickup latency):
   * from when it was queued, or from its start time when it was queued to start later.
   */
  waitedMs: number;
}

/** Why a job did not make a run, as a person reads it (a GonogoError's kind, message and details). */
export interface JobError {
  kind: ErrorKind;
  message: string;
  details: string[];
}

/** The queue verification jobs wait in (pg-boss's queue name; the metrics' `queue` label). */
export const VERIFY_QUEUE = "gonogo-verify";

/**
 * How a job ended. `run`: the service was verified (a run complete or not, or the job was found
 * done already). `refused`: it could not run and retrying would not help (a config error);
 * errors worth retrying (the store down, a repository unreachable) are thrown by the handler
 * instead, and `failed` is how the job ended once its retries were spent: the last attempt's error.
 */
export type JobOutcome =
  | { kind: "run"; runId: number; complete: boolean; verdict: "GO" | "NO-GO" | null; duplicate: boolean }
  | { kind: "refused"; error: JobError }
  | { kind: "failed"; attempts: number; error: JobError };

/**
 * A thrown error, or what a queue kept of one (pg-boss keeps a serialized error: message, name and
 * its own fields), as a JobError: a GonogoError's kind, else `unavailable` (a retry might have mended it).
 */
export function jobErrorOf(error: unknown): JobError {
  const fields = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
  const kind = (ERROR_KINDS as readonly unknown[]).includes(fields.kind)
    ? (fields.kind as ErrorKind)
    : "unavailable";
  const message =
    typeof fields.message === "string" && fields.message !== ""
      ? fields.message
      : String(error ?? "no reason given");
  const details = isGonogoError(error)
    ? error.details
    : Array.isArray(fields.details)
      ? fields.details.filter((line): line is string => typeof line === "string")
      : [];
  return { kind, message, details };
}

/** Runs one job; `signal` aborts when the worker shuts down or the job's lease is lost. */
export type JobHandler = (job: Job, signal: AbortSignal) => Promise<JobOutcome>;

/** The state of a job as the queue knows it. */
export type JobState = "queued" | "active" | "done" | "failed" | "unknown";

/** What a shutdown did: how many jobs finished in the grace period and how many were handed back. */
export interface StopReport {
  finished: number;
  handedBack: number;
}

/**
 * Where jobs wait and who runs them: pg-boss on a Postgres store (servers enqueue, `gonogo worker`
 * processes claim), or in the process on SQLite. Delivery is at least once: a handler may see a
 * job again after a crash, so it records the job id and never completes a job twice.
 */
export interface JobQueue {
  readonly kind: "pg-boss" | "in-process";
  /**
   * Queues a request; resolves with its id. With `id` given (a scheduled slot's id), a job of that
   * id already queued makes this a no-op that resolves null: several servers may schedule one slot.
   */
  enqueue(request: JobRequest, id?: string): Promise<string | null>;
  /** Where a job stands. */
  state(id: string): Promise<JobState>;
  /** Waits until a job has ended (or `signal` aborts) and says how; null when it failed for good or is unknown. */
  outcome(id: string, signal: AbortSignal): Promise<JobOutcome | null>;
  /** Starts claiming and running jobs, at most `concurrency` at a time. */
  work(handler: JobHandler, options: { concurrency: number }): Promise<void>;
  /**
   * Stops claiming; waits up to `graceMs` for running jobs to end, then aborts them (their runs
   * are recorded incomplete and the jobs handed back for another worker), and closes.
   */
  stop(options: { graceMs: number }): Promise<StopReport>;
}
