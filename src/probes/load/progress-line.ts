import type { ProbeContext } from "../types.js";
import type { Recorder } from "./recorder.js";

const MIN_DURATION_MS = 5000;

/**
 * Once a second, through the run's progress callback: rps, p95 and errors of the last second.
 * Nothing for short runs or when nobody watches; whoever watches decides where it shows (the CLI:
 * a live line on a terminal's stderr, nothing in CI logs or pipes). Returns the function that ends it.
 */
export function startProgressLine(
  recorder: Recorder,
  { label, durationMs, enabled }: { label: string; durationMs: number; enabled: boolean },
  report: ProbeContext["progress"],
): () => void {
  if (!enabled || report === undefined || durationMs < MIN_DURATION_MS) return () => {};
  const startedAt = performance.now();
  let last = { requests: 0, errors: 0 };
  const timer = setInterval(() => {
    const total = recorder.total;
    const rps = total.requests - last.requests;
    const errors = total.errors - last.errors;
    last = { requests: total.requests, errors: total.errors };
    const p95 = recorder.series.current().p95 ?? recorder.series.points.at(-1)?.p95;
    const elapsedMs = performance.now() - startedAt;
    const line = `${label} ${Math.round(elapsedMs / 1000)}s/${Math.round(durationMs / 1000)}s · ${rps} req/s · p95 ${p95 ?? "-"}ms · ${errors} errors`;
    report({
      type: "figures",
      line,
      figures: { elapsedMs: Math.round(elapsedMs), durationMs, rps, p95Ms: p95 ?? null, errors },
    });
  }, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    report({ type: "done" });
  };
}
