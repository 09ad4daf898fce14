import { dirname } from "node:path";
import type { CheckResult } from "./check-result.js";
import type { Plan, PlannedCheck } from "./plan.js";
import { runCheck } from "./run-check.js";

export type RunEvent =
  | { type: "start"; check: PlannedCheck }
  | { type: "end"; check: PlannedCheck; result: CheckResult };

export interface RunOptions {
  signal: AbortSignal;
  onEvent?: (event: RunEvent) => void;
}

/**
 * Runs every bound check, at most `defaults.concurrency` at a time. A check not started before
 * Ctrl-C is recorded as an error ("not run"), so the report still shows everything measured.
 */
export async function runPlan(plan: Plan, options: RunOptions): Promise<Map<string, CheckResult>> {
  const results = new Map<string, CheckResult>();
  const queue = plan.checks;
  const context = {
    targets: plan.config.targets,
    baseDir: dirname(plan.config.path),
    signal: options.signal,
  };
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const check = queue[next++] as PlannedCheck;
      if (options.signal.aborted) {
        results.set(check.id, notRun(check));
        continue;
      }
      options.onEvent?.({ type: "start", check });
      const result = await runCheck(check, context);
      results.set(check.id, result);
      options.onEvent?.({ type: "end", check, result });
    }
  };
  const workers = Math.min(plan.config.config.defaults.concurrency, queue.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

function notRun(check: PlannedCheck): CheckResult {
  return {
    id: check.id,
    probe: check.probe.name,
    status: "error",
    durationMs: 0,
    observations: {},
    expectations: [],
    error: "not run: cancelled (Ctrl-C)",
  };
}
