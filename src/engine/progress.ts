import type { RunEvent } from "./run-plan.js";

/**
 * Progress on stderr: on a terminal, one live line with what is running; elsewhere (CI logs,
 * pipes) nothing, so machine output on stdout stays clean and logs stay short.
 */
export function createProgress(stream: NodeJS.WriteStream, total: number): (event: RunEvent) => void {
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
