import { describe, expect, it } from "vitest";
import { GonogoError } from "../core/errors.js";
import { inProcessQueue } from "./in-process-queue.js";
import type { JobOutcome, JobRequest } from "./job.js";
import { memoryTargetLock } from "./memory-target-lock.js";

const request: JobRequest = { service: "orders", actor: "t", reason: "api", scheduledFor: null };
const ran = (runId: number): JobOutcome => ({
  kind: "run",
  runId,
  complete: true,
  verdict: "GO",
  duplicate: false,
});

describe("the in-process queue", () => {
  it("runs jobs at most `concurrency` at a time and answers each job's outcome", async () => {
    const queue = inProcessQueue();
    let active = 0;
    let most = 0;
    await queue.work(
      async (job) => {
        active += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setImmediate(resolve));
        active -= 1;
        return ran(Number(job.id.length));
      },
      { concurrency: 3 },
    );
    const ids = await Promise.all(Array.from({ length: 20 }, () => queue.enqueue(request)));
    const outcomes = await Promise.all(
      ids.map((id) => queue.outcome(id as string, new AbortController().signal)),
    );
    expect(outcomes.every((o) => o?.kind === "run")).toBe(true);
    expect(most).toBe(3);
    expect(await queue.state(ids[0] as string)).toBe("done");
    expect(await queue.enqueue(request, ids[0] as string)).toBeNull();
  });

  it("retries a job whose handler throws, then gives up, with the last attempt's error", async () => {
    const queue = inProcessQueue({ retries: 1 });
    const attempts: number[] = [];
    await queue.work(
      async (job) => {
        attempts.push(job.attempt);
        if (job.attempt === 0) throw new Error("store down");
        throw new GonogoError(
          "unavailable",
          'service "orders": https://***@git.example.test/o.git at ref "main": cannot fetch',
        );
      },
      { concurrency: 1 },
    );
    const id = (await queue.enqueue(request)) as string;
    expect(await queue.outcome(id, new AbortController().signal)).toEqual({
      kind: "failed",
      attempts: 2,
      error: {
        kind: "unavailable",
        message: 'service "orders": https://***@git.example.test/o.git at ref "main": cannot fetch',
        details: [],
      },
    });
    expect(attempts).toEqual([0, 1]);
    expect(await queue.state(id)).toBe("failed");
  });

  it("on stop, a job still running after the grace period is aborted and handed back", async () => {
    const queue = inProcessQueue();
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    await queue.work(
      (_job, signal) =>
        new Promise((_resolve, reject) => {
          started();
          signal.addEventListener("abort", () => reject(signal.reason));
        }),
      { concurrency: 1 },
    );
    await queue.enqueue(request);
    await running;
    expect(await queue.stop({ graceMs: 10 })).toEqual({ finished: 0, handedBack: 1 });
  });
});

describe("the in-memory target lock", () => {
  it("one holder per key, in order; other keys are free; a waiter can give up", async () => {
    const lock = memoryTargetLock();
    const signal = new AbortController().signal;
    const release = await lock.acquire("url:http://a", signal);
    await (await lock.acquire("url:http://b", signal))();
    let second = false;
    const waiting = lock.acquire("url:http://a", signal).then((r) => {
      second = true;
      return r;
    });
    const quitter = new AbortController();
    const gaveUp = lock.acquire("url:http://a", quitter.signal).catch(() => "gave up");
    quitter.abort(new Error("shutdown"));
    expect(await gaveUp).toBe("gave up");
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBe(false);
    await release();
    await (await waiting)();
    expect(second).toBe(true);
  });
});
