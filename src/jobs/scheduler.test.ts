import { describe, expect, it } from "vitest";
import { inProcessQueue } from "./in-process-queue.js";
import { startScheduler } from "./scheduler.js";

describe("the scheduler", () => {
  it("queues a service at its slots and skips, counts and logs a slot while the previous run goes on", async () => {
    const queue = inProcessQueue();
    const started: string[] = [];
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    await queue.work(
      async (job) => {
        started.push(job.scheduledFor ?? "");
        await blocked;
        return { kind: "run", runId: 1, complete: true, verdict: "GO", duplicate: false };
      },
      { concurrency: 4 },
    );
    const lines: string[] = [];
    let skippedLine: () => void = () => {};
    const sawSkip = new Promise<void>((resolve) => {
      skippedLine = resolve;
    });
    const skips: string[] = [];
    const scheduler = startScheduler({
      queue,
      services: [{ name: "orders", schedule: { cron: "* * * * * *", timezone: "UTC" } }],
      maxJitterMs: 0,
      log: (line) => {
        lines.push(line);
        if (line.includes("skipped")) skippedLine();
      },
      onSkip: (service) => skips.push(service),
    });
    try {
      await sawSkip;
      expect(started).toHaveLength(1);
      expect(scheduler.skipped.get("orders")).toBeGreaterThanOrEqual(1);
      expect(skips[0]).toBe("orders");
      expect(lines.find((l) => l.includes("skipped"))).toMatch(
        /^schedule: skipped orders at \S+: its previous run \(job [0-9a-f-]+\) is still running \(1 skipped so far\)$/,
      );
    } finally {
      scheduler.stop();
      release();
      await queue.stop({ graceMs: 1000 });
    }
  });
});
