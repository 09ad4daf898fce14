import { randomUUID } from "node:crypto";
import {
  type Job,
  type JobHandler,
  type JobOutcome,
  type JobQueue,
  type JobRequest,
  type JobState,
  jobErrorOf,
  type StopReport,
} from "./job.js";

interface Entry {
  job: Job;
  /** Since when the job waits to run (Date.now()): queued, or put back for a retry. */
  dueSince: number;
  state: JobState;
  settled: Promise<JobOutcome | null>;
  settle(outcome: JobOutcome | null): void;
}

/** Jobs kept this many at most once ended (their outcome answers `outcome()` for a while). */
const KEEP_ENDED = 10_000;

/**
 * The job queue of a server on the embedded (SQLite) store: one process, jobs in memory, run by
 * the server itself through the same `JobQueue` interface and handler as pg-boss workers. A job
 * whose handler throws is retried up to `retries` times; a job queued when the process dies is
 * lost (a run already started stays recorded incomplete; its schedule makes the next one).
 */
export function inProcessQueue(options: { retries?: number } = {}): JobQueue {
  const retries = options.retries ?? 2;
  const jobs = new Map<string, Entry>();
  const waiting: Entry[] = [];
  const running = new Map<string, AbortController>();
  let handler: JobHandler | null = null;
  let concurrency = 1;
  let stopping = false;
  let finished = 0;
  let wake: () => void = () => {};

  const forget = () => {
    if (jobs.size <= KEEP_ENDED) return;
    for (const [id, entry] of jobs) {
      if (jobs.size <= KEEP_ENDED) break;
      if (entry.state === "done" || entry.state === "failed") jobs.delete(id);
    }
  };

  const runOne = async (entry: Entry, work: JobHandler) => {
    const controller = new AbortController();
    running.set(entry.job.id, controller);
    entry.state = "active";
    entry.job = { ...entry.job, waitedMs: Date.now() - entry.dueSince };
    try {
      const outcome = await work(entry.job, controller.signal);
      entry.state = "done";
      finished += 1;
      entry.settle(outcome);
    } catch (error) {
      if (controller.signal.aborted || entry.job.attempt >= retries) {
        entry.state = controller.signal.aborted ? "queued" : "failed";
        if (!controller.signal.aborted)
          entry.settle({ kind: "failed", attempts: entry.job.attempt + 1, error: jobErrorOf(error) });
      } else {
        entry.job = { ...entry.job, attempt: entry.job.attempt + 1 };
        entry.dueSince = Date.now();
        entry.state = "queued";
        waiting.push(entry);
      }
    } finally {
      running.delete(entry.job.id);
      forget();
      pump();
    }
  };

  function pump(): void {
    wake();
    if (!handler || stopping) return;
    while (running.size < concurrency && waiting.length > 0) {
      const entry = waiting.shift() as Entry;
      void runOne(entry, handler);
    }
  }

  return {
    kind: "in-process",
    async enqueue(request: JobRequest, id?: string) {
      if (id !== undefined && jobs.has(id)) return null;
      const jobId = id ?? randomUUID();
      let settle: (outcome: JobOutcome | null) => void = () => {};
      const settled = new Promise<JobOutcome | null>((resolve) => {
        settle = resolve;
      });
      const entry: Entry = {
        job: { ...request, id: jobId, attempt: 0, waitedMs: 0 },
        dueSince: Date.now(),
        state: "queued",
        settled,
        settle,
      };
      jobs.set(jobId, entry);
      waiting.push(entry);
      pump();
      return jobId;
    },
    async state(id) {
      return jobs.get(id)?.state ?? "unknown";
    },
    async outcome(id, signal) {
      const entry = jobs.get(id);
      if (!entry) return null;
      const aborted = new Promise<null>((resolve) => {
        if (signal.aborted) resolve(null);
        signal.addEventListener("abort", () => resolve(null), { once: true });
      });
      return Promise.race([entry.settled, aborted]);
    },
    async work(work, options) {
      handler = work;
      concurrency = Math.max(1, options.concurrency);
      pump();
    },
    async stop({ graceMs }): Promise<StopReport> {
      stopping = true;
      const before = finished;
      const idle = new Promise<void>((resolve) => {
        wake = () => {
          if (running.size === 0) resolve();
        };
        wake();
      });
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<"late">((resolve) => {
        timer = setTimeout(() => resolve("late"), graceMs);
      });
      const late = (await Promise.race([idle, grace])) === "late";
      clearTimeout(timer);
      const handedBack = late ? running.size : 0;
      if (late) {
        for (const controller of running.values()) controller.abort(new Error("the worker is shutting down"));
        await idle;
      }
      for (const entry of jobs.values()) if (entry.state !== "done") entry.settle(null);
      return { finished: finished - before, handedBack: handedBack + waiting.length };
    },
  };
}
