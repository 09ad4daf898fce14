import type { Recorder } from "./recorder.js";

const MIN_DURATION_MS = 5000;

/**
 * Once a second on a terminal's stderr: rps, p95 and errors of the last second. Nothing in CI logs
 * or pipes, nothing for short runs. Returns the function that clears the line.
 */
export function startProgressLine(
  recorder: Recorder,
  { label, durationMs, enabled }: { label: string; durationMs: number; enabled: boolean },
  stream: NodeJS.WriteStream = process.stderr,
): () => void {
  if (!enabled || !stream.isTTY || durationMs < MIN_DURATION_MS) return () => {};
  const startedAt = performance.now();
  let last = { requests: 0, errors: 0 };
  const timer = setInterval(() => {
    const total = recorder.total;
    const rps = total.requests - last.requests;
    const errors = total.errors - last.errors;
    last = { requests: total.requests, errors: total.errors };
    const p95 = recorder.series.current().p95 ?? recorder.series.points.at(-1)?.p95;
    const elapsed = Math.round((performance.now() - startedAt) / 1000);
    const line = `  ${label} ${elapsed}s/${Math.round(durationMs / 1000)}s · ${rps} req/s · p95 ${p95 ?? "-"}ms · ${errors} errors`;
    stream.write(`\r\u001b[K${line.slice(0, (stream.columns ?? 100) - 1)}`);
  }, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    stream.write("\r\u001b[K");
  };
}
