import type { ProbeContext } from "../types.js";

/** The probe's own bound on its work: fires at `ctx.timeoutMs` or when the engine aborts `ctx.signal`. */
export interface Deadline {
  signal: AbortSignal;
  /** "timed out after 2s" */
  timeoutMessage: string;
  /** Why the signal fired, in words: "timed out after 2s" or "aborted". */
  reason(): string;
  /** Clears the timer and the listener on the engine's signal (it may outlive this run). */
  dispose(): void;
}

// The engine's signal fires at the same timeout; a little slack tells "its timeout" from "Ctrl-C".
const TIMER_SLACK_MS = 50;

export function startDeadline(ctx: Pick<ProbeContext, "signal" | "timeoutMs">): Deadline {
  const controller = new AbortController();
  const timeoutMessage = `timed out after ${formatDuration(ctx.timeoutMs)}`;
  const startedAt = performance.now();
  // Made when the timer fires, not for every check: an Error captures a stack trace when created.
  let ownTimeout: Error | undefined;
  const timer = setTimeout(() => {
    ownTimeout = timeoutError(timeoutMessage);
    controller.abort(ownTimeout);
  }, ctx.timeoutMs);
  const onEngineAbort = () => controller.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onEngineAbort();
  else ctx.signal.addEventListener("abort", onEngineAbort, { once: true });
  return {
    signal: controller.signal,
    timeoutMessage,
    reason() {
      const elapsed = performance.now() - startedAt;
      const ownTimerFired = ownTimeout !== undefined && controller.signal.reason === ownTimeout;
      if (ownTimerFired || elapsed >= ctx.timeoutMs - TIMER_SLACK_MS) return timeoutMessage;
      // The engine times the same budget from before the probe started (a busy machine may start a
      // probe late), so its timeout is the check's: saying the probe's own shorter elapsed time
      // would name a timeout the user never set.
      const engineReason: unknown = ctx.signal.reason;
      const engineTimedOut = engineReason instanceof Error && engineReason.name === "TimeoutError";
      return engineTimedOut ? timeoutMessage : "aborted";
    },
    dispose() {
      clearTimeout(timer);
      ctx.signal.removeEventListener("abort", onEngineAbort);
    },
  };
}

function timeoutError(message: string): Error {
  const error = new Error(message);
  error.name = "TimeoutError";
  return error;
}

/** `2000` -> `2s`, `1500` -> `1.5s`, `250` -> `250ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}
