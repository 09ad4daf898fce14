import { describe, expect, it } from "vitest";
import { formatDuration, startDeadline } from "./deadline.js";

describe("deadline", () => {
  it("formats durations as users write them", () => {
    expect([250, 1000, 1500, 2000, 120_000].map(formatDuration)).toEqual([
      "250ms",
      "1s",
      "1.5s",
      "2s",
      "120s",
    ]);
  });

  it("fires at timeoutMs and says it timed out", async () => {
    const deadline = startDeadline({ signal: new AbortController().signal, timeoutMs: 50 });
    await new Promise((resolve) => deadline.signal.addEventListener("abort", resolve));
    expect(deadline.reason()).toBe("timed out after 50ms");
    deadline.dispose();
  });

  it("follows the engine's signal and calls an early abort an abort", () => {
    const engine = new AbortController();
    const deadline = startDeadline({ signal: engine.signal, timeoutMs: 5000 });
    engine.abort();
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.reason()).toBe("aborted");
    deadline.dispose();
  });

  it("names the check's timeout when the engine's timer, started before the probe, fires first", () => {
    const engine = new AbortController();
    const deadline = startDeadline({ signal: engine.signal, timeoutMs: 5000 });
    const timeout = new Error("timed out after 5s");
    timeout.name = "TimeoutError";
    engine.abort(timeout);
    expect(deadline.reason()).toBe("timed out after 5s");
    deadline.dispose();
  });
});
