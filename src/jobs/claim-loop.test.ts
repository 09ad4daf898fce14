import { describe, expect, it } from "vitest";
import { startClaimLoop } from "./claim-loop.js";

/** Jobs in a plain list, each ended by the test: the loop under test is the only thing that runs them. */
function queueOf(count: number) {
  const waiting = Array.from({ length: count }, (_, n) => n);
  const ends = new Map<number, () => void>();
  const claims: number[] = [];
  let changed: () => void = () => {};
  return {
    claims,
    running: () => [...ends.keys()],
    claim: async (n: number) => {
      claims.push(n);
      return waiting.splice(0, n);
    },
    run: (job: number) =>
      new Promise<void>((resolve) => {
        ends.set(job, () => {
          ends.delete(job);
          resolve();
        });
        changed();
      }),
    end(job: number) {
      ends.get(job)?.();
    },
    /** Resolves once `holds` is true of the running jobs (checked as each job starts). */
    until(holds: (running: number[]) => boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (holds([...ends.keys()])) resolve();
        };
        changed = check;
        check();
      });
    },
  };
}

describe("startClaimLoop", () => {
  it("fills every free slot in one claim and claims again the moment a job ends, not a polling interval later", async () => {
    const queue = queueOf(5);
    // An hour's polling interval: any wait for it would time the test out.
    const loop = startClaimLoop({ concurrency: 2, pollMs: 3_600_000, onError: () => {}, ...queue });
    await queue.until((running) => running.length === 2);
    expect(queue.running()).toEqual([0, 1]);
    expect(queue.claims).toEqual([2]);
    queue.end(0);
    await queue.until((running) => running.includes(2));
    queue.end(1);
    queue.end(2);
    await queue.until((running) => running.length === 2 && running.includes(4));
    expect(queue.running()).toEqual([3, 4]);
    queue.end(3);
    queue.end(4);
    await loop.stop();
  });

  it("waits its polling interval when the queue had fewer jobs than free slots, and stops at once while waiting", async () => {
    const queue = queueOf(1);
    const loop = startClaimLoop({ concurrency: 3, pollMs: 3_600_000, onError: () => {}, ...queue });
    await queue.until((running) => running.length === 1);
    queue.end(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(queue.claims).toEqual([3]);
    await loop.stop();
  });

  it("says when a claim fails and tries again after its interval", async () => {
    const errors: string[] = [];
    let calls = 0;
    const loop = startClaimLoop<number>({
      concurrency: 1,
      pollMs: 10,
      claim: async () => {
        calls += 1;
        if (calls === 1) throw new Error("database away");
        return [];
      },
      run: async () => {},
      onError: (error) => errors.push(error.message),
    });
    while (calls < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await loop.stop();
    expect(errors).toEqual(["database away"]);
  });
});
