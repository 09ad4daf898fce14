import { createProgress, type ProgressEvent, showProbeProgress } from "../../engine/progress.js";
import type { VerifyEvent } from "../../pipeline/index.js";

export interface VerifyStderrOptions {
  /** `--progress`: a line per check start and end, on a terminal or not. */
  lines: boolean;
  /** A store named on purpose says nothing of a failed write: the command fails at the end instead. */
  quietRecordFailure: boolean;
  /** When the checks start and when they end: Ctrl-C is handled in between. */
  onChecksStarted(): void;
  onChecksFinished(): void;
}

export const warn = (message: string) => process.stderr.write(`gonogo: ${message}\n`);

/**
 * The pipeline's events as `verify` has always shown them on stderr: progress, live probe figures,
 * and each warning as `gonogo: ...`. The `run #N recorded` line is not printed here: it comes
 * after the report.
 */
export function printVerifyEvents(options: VerifyStderrOptions): (event: VerifyEvent) => void {
  let progress: ((event: ProgressEvent) => void) | undefined;
  return (event) => {
    switch (event.type) {
      case "run-started":
        options.onChecksStarted();
        // Created once Ctrl-C is handled: its first line promises that it is.
        progress = createProgress(process.stderr, event.checkIds.length, { lines: options.lines });
        return;
      case "check-started":
        progress?.({ type: "start", check: { id: event.checkId } });
        return;
      case "check-finished":
        progress?.({ type: "end", check: { id: event.checkId }, result: event.result });
        return;
      case "check-progress":
        showProbeProgress(process.stderr, event.progress);
        return;
      case "checks-finished":
        options.onChecksFinished();
        return;
      case "diagnostic": {
        const { kind, message } = event.diagnostic;
        if (kind === "run-recorded" || (kind === "record-failed" && options.quietRecordFailure)) return;
        warn(message);
      }
    }
  };
}
