import type { ProbeProgress } from "../probes/types.js";

/** What the progress display needs of a run's events: which check started, and how one ended. */
export type ProgressEvent =
  | { type: "start"; check: { id: string } }
  | { type: "end"; check: { id: string }; result: { status: string; durationMs: number } };

/**
 * Progress on stderr: on a terminal, one live line with what is running; elsewhere (CI logs,
 * pipes) nothing, so machine output on stdout stays clean and logs stay short. With `lines`
 * (`verify --progress`), one plain line per event anywhere: a log, or a script that waits for
 * a check to start before it does something, can read them.
 */
export function createProgress(
  stream: NodeJS.WriteStream,
  total: number,
  options: { lines?: boolean } = {},
): (event: ProgressEvent) => void {
  if (options.lines) return createProgressLines(stream, total);
  if (!stream.isTTY) return () => {};
  const running = new Set<string>();
  let done = 0;
  const draw = () => {
    const names = [...running].join(", ");
    const line = `  checking ${done}/${total}${names ? ` · running: ${names}` : ""}`;
    stream.write(`\r\u001b[K${line.slice(0, (stream.columns ?? 100) - 1)}`);
    if (done === total) stream.write("\r\u001b[K");
  };
  return (event) => {
    if (event.type === "start") running.add(event.check.id);
    else {
      running.delete(event.check.id);
      done += 1;
    }
    draw();
  };
}

/**
 * `gonogo: started <check>` and `gonogo: finished <check>: <status> in <ms>ms`, after a first line
 * that says how many checks will run. Every line is written once Ctrl-C is handled, so a started
 * line also says that an interrupt from now on stops the run cleanly.
 */
function createProgressLines(stream: NodeJS.WriteStream, total: number): (event: ProgressEvent) => void {
  stream.write(
    `gonogo: running ${total} check${total === 1 ? "" : "s"} (Ctrl-C stops them and reports what was measured)\n`,
  );
  let done = 0;
  return (event) => {
    if (event.type === "start") {
      stream.write(`gonogo: started ${event.check.id}\n`);
      return;
    }
    done += 1;
    const { status, durationMs } = event.result;
    stream.write(
      `gonogo: finished ${event.check.id}: ${status} in ${Math.round(durationMs)}ms (${done}/${total})\n`,
    );
  };
}

/**
 * A probe's live figures (a load test's req/s, p95, errors) as one line redrawn in place on a
 * terminal, cleared when they end; nothing in CI logs or pipes.
 */
export function showProbeProgress(stream: NodeJS.WriteStream, progress: ProbeProgress): void {
  if (!stream.isTTY) return;
  if (progress.type === "done") {
    stream.write("\r\u001b[K");
    return;
  }
  stream.write(`\r\u001b[K${`  ${progress.line}`.slice(0, (stream.columns ?? 100) - 1)}`);
}
