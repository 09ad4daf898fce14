import { dirname } from "node:path";
import type { CheckResult } from "../core/check-result.js";
import type { TargetLock } from "../core/target-lock.js";
import { createRedactor } from "../redact/create-redactor.js";
import { errorResult } from "./error-result.js";
import type { Plan, PlannedCheck } from "./plan.js";
import { type CheckRunContext, runCheck } from "./run-check.js";

export type RunEvent =
  | { type: "start"; check: PlannedCheck }
  | { type: "end"; check: PlannedCheck; result: CheckResult };

export interface RunOptions {
  signal: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Live figures of a long-running probe (a load test), as it reports them. */
  onProbeProgress?: CheckRunContext["onProgress"];
  /** The environment child processes run with (command, k6); the process's own when absent. */
  env?: CheckRunContext["env"];
  /** What the caller does not let checks do (refused probe kinds, addresses); absent: everything runs. */
  policy?: CheckRunContext["policy"];
  /** Held around each load check (load, burst, k6 running a script), keyed by its target; absent: none. */
  targetLock?: TargetLock;
}

/**
 * Runs every bound check: the light ones first, at most `defaults.concurrency` at a time, then the
 * load-generating ones (probes with `exclusiveMs`) one at a time, so one load test's traffic never
 * distorts another's figures nor a light check's latency. A check not started before Ctrl-C is
 * recorded as an error ("not run"), so the report still shows everything measured.
 * Results leave here with secrets masked (see `runCheck`): reports, the store and attestations
 * only ever see the masked evidence.
 */
export async function runPlan(plan: Plan, options: RunOptions): Promise<Map<string, CheckResult>> {
  const results = new Map<string, CheckResult>();
  const context: CheckRunContext = {
    targets: plan.config.targets,
    baseDir: dirname(plan.config.path),
    signal: options.signal,
    redact: createRedactor(plan.config.secrets),
    ...(options.env !== undefined && { env: options.env }),
    ...(options.policy !== undefined && { policy: options.policy }),
    ...(options.onProbeProgress !== undefined && { onProgress: options.onProbeProgress }),
  };
  const runQueue = async (queue: PlannedCheck[], concurrency: number) => {
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const check = queue[next++] as PlannedCheck;
        if (options.signal.aborted) {
          results.set(check.id, notRun(check));
          continue;
        }
        const key = options.targetLock ? loadLockKey(check, plan) : null;
        const release = key ? await lockOrNull(options.targetLock, key, options.signal) : null;
        if (key && release === null) {
          results.set(check.id, notRun(check));
          continue;
        }
        try {
          options.onEvent?.({ type: "start", check });
          const result = await runCheck(check, context);
          results.set(check.id, result);
          options.onEvent?.({ type: "end", check, result });
        } finally {
          await release?.();
        }
      }
    };
    const workers = Math.min(concurrency, queue.length);
    await Promise.all(Array.from({ length: workers }, worker));
  };
  const exclusive = plan.checks.filter((check) => check.probe.exclusiveMs !== undefined);
  await runQueue(
    plan.checks.filter((check) => check.probe.exclusiveMs === undefined),
    plan.config.config.defaults.concurrency,
  );
  await runQueue(exclusive.map(withLoadTimeout), 1);
  return results;
}

// Beyond the time a load run commits to: connection set-up, reading the figures, closing sockets.
const LOAD_TIMEOUT_SLACK_MS = 5000;

/** A load check's timeout covers its warm-up and duration: `duration: 3m` is never cut at the default 5s. */
export function withLoadTimeout(check: PlannedCheck): PlannedCheck {
  const committed = check.probe.exclusiveMs?.(check.probeConfig);
  if (committed === undefined) return check;
  return { ...check, timeoutMs: Math.max(check.timeoutMs, committed + LOAD_TIMEOUT_SLACK_MS) };
}

/**
 * What a load check's lock is named by: the origin its traffic goes to (`load`, `burst`), or the
 * script a `k6` check runs (its target URL is inside the script); null for other checks.
 */
export function loadLockKey(check: PlannedCheck, plan: Plan): string | null {
  const config = check.probeConfig as { target?: unknown; script?: unknown };
  if (check.probe.name === "k6")
    return typeof config.script === "string" ? `k6:${String(config.target ?? "")}:${config.script}` : null;
  if (check.probe.exclusiveMs === undefined) return null;
  const target = typeof config.target === "string" ? plan.config.targets[config.target] : undefined;
  if (!target?.url) return `target:${String(config.target)}`;
  try {
    return `url:${new URL(target.url).origin}`;
  } catch {
    return `url:${target.url}`;
  }
}

/** The lock, or null when the run was stopped while waiting for it. */
async function lockOrNull(
  lock: TargetLock | undefined,
  key: string,
  signal: AbortSignal,
): Promise<(() => Promise<void>) | null> {
  if (!lock) return null;
  try {
    return await lock.acquire(key, signal);
  } catch (error) {
    if (signal.aborted) return null;
    throw error;
  }
}

function notRun(check: PlannedCheck): CheckResult {
  return errorResult(check, "not run: cancelled (Ctrl-C)");
}
