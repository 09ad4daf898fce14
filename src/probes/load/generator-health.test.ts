import { createHistogram, monitorEventLoopDelay } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { LAG_SAMPLE_MS, loopDelayP99Ms } from "./generator-health.js";

const ms = 1e6; // the histograms count nanoseconds

describe("generator lag", () => {
  it("is how late the monitor's timer fired, not the interval it was set for", () => {
    // What Node's monitor records for a loop that is never late: the interval itself, every time.
    const onTime = createHistogram();
    for (let i = 0; i < 100; i++) onTime.record(Math.round(LAG_SAMPLE_MS * ms + 50_000));
    expect(loopDelayP99Ms(onTime, LAG_SAMPLE_MS)).toBeLessThan(0.1);

    const late = createHistogram();
    for (let i = 0; i < 95; i++) late.record(LAG_SAMPLE_MS * ms);
    for (let i = 0; i < 5; i++) late.record((LAG_SAMPLE_MS + 30) * ms); // five firings 30ms late
    expect(loopDelayP99Ms(late, LAG_SAMPLE_MS)).toBeCloseTo(30, 0);
  });

  it("reads Node's own monitor: a blocked loop shows its delay", async () => {
    const monitor = monitorEventLoopDelay({ resolution: LAG_SAMPLE_MS });
    monitor.enable();
    for (let block = 0; block < 3; block++) {
      await new Promise((resolve) => setTimeout(resolve, 2 * LAG_SAMPLE_MS));
      const until = performance.now() + 60;
      while (performance.now() < until);
    }
    await new Promise((resolve) => setTimeout(resolve, 2 * LAG_SAMPLE_MS));
    monitor.disable();
    // Three 60ms blocks among a dozen samples: the p99 is one of them (more on a busy machine).
    expect(loopDelayP99Ms(monitor, LAG_SAMPLE_MS)).toBeGreaterThanOrEqual(45);
  });

  it("is no reading at all when nothing was sampled", () => {
    expect(loopDelayP99Ms(createHistogram(), LAG_SAMPLE_MS)).toBe(0);
  });
});
