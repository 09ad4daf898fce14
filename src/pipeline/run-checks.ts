import type { CheckResult } from "../core/check-result.js";
import type { ProbePolicy } from "../core/probe-policy.js";
import type { TargetLock } from "../core/target-lock.js";
import type { Plan, PlannedCheck } from "../engine/plan.js";
import { runPlan } from "../engine/run-plan.js";
import type { EventSink } from "./events.js";
import type { RunRecorder } from "./record-run.js";

export interface CheckRun {
  signal: AbortSignal;
  env: Readonly<Record<string, string | undefined>>;
  recorder: RunRecorder | null;
  sink: EventSink;
  policy: ProbePolicy | undefined;
  targetLock?: TargetLock | undefined;
}

/**
 * Runs the checks and says what happens on the sink. Each result is recorded as it arrives, so
 * a run stopped half way keeps what it measured. Interrupted: the signal was aborted before every
 * check finished (an abort after that changes nothing).
 */
export async function runChecks(
  plan: Plan,
  checks: PlannedCheck[],
  { signal, env, recorder, sink, policy, targetLock }: CheckRun,
): Promise<{ results: Map<string, CheckResult>; interrupted: boolean }> {
  sink.emit({ type: "run-started", runId: recorder?.runId ?? null, checkIds: checks.map((c) => c.id) });
  const results = await runPlan(
    { ...plan, checks },
    {
      signal,
      env,
      ...(policy !== undefined && { policy }),
      ...(targetLock !== undefined && { targetLock }),
      onEvent: (event) => {
        if (event.type === "start") {
          sink.emit({ type: "check-started", checkId: event.check.id, probe: event.check.probe.name });
          return;
        }
        sink.emit({ type: "check-finished", checkId: event.check.id, result: event.result });
        recorder?.record(event.result);
      },
      onProbeProgress: (check, progress) =>
        sink.emit({ type: "check-progress", checkId: check.id, progress }),
    },
  );
  const interrupted = signal.aborted;
  sink.emit({ type: "checks-finished", interrupted });
  return { results, interrupted };
}
