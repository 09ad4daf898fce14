import { setTimeout as sleep } from "node:timers/promises";
import type { CheckResult } from "../core/check-result.js";
import { isGonogoError } from "../core/errors.js";
import { formatQuantity } from "../core/format-quantity.js";
import type { Observations } from "../core/observation.js";
import type { ProbePolicy } from "../core/probe-policy.js";
import { evaluateExpectation } from "../expect/index.js";
import type { ProbeContext, ProbeProgress, ProbeResult, ProbeRunner } from "../probes/types.js";
import type { Redactor } from "../redact/create-redactor.js";
import { errorResult } from "./error-result.js";
import type { PlannedCheck } from "./plan.js";

export interface CheckRunContext {
  targets: ProbeContext["targets"];
  baseDir: string;
  /** The whole run's signal: Ctrl-C. */
  signal: AbortSignal;
  /**
   * Masks secrets in what the check returns. Expectations are judged on the raw observations;
   * every string that leaves `runCheck` (observations, evidence, actual values, errors) is masked.
   */
  redact: Redactor;
  /** The environment child processes run with (command, k6); the process's own when absent. */
  env?: ProbeContext["env"];
  /** Live figures of a long-running probe, for whoever watches the run. */
  onProgress?: (check: PlannedCheck, progress: ProbeProgress) => void;
  /** What the caller does not let checks do (a server refusing commands); absent: everything runs. */
  policy?: ProbePolicy;
}

// Probes bound their own work by ctx.timeoutMs and say what timed out; the engine's abort comes
// this much later, for probes that only watch the signal. A probe still running ABANDON_AFTER_MS
// after its timeout (cleanup included: killing a process group, closing sockets) is abandoned.
const ABORT_AFTER_MS = 100;
const ABANDON_AFTER_MS = 3000;
const RETRY_BASE_MS = 250;
const MAX_STRING = 2000;
const MAX_LIST = 50;

/**
 * Runs one check: the probe under its timeout, then its expectations. Retries only on `error`
 * (with backoff), never to turn a `fail` into a `pass`.
 */
export async function runCheck(check: PlannedCheck, context: CheckRunContext): Promise<CheckResult> {
  const refusal = context.policy?.refusedProbes?.[check.probe.name];
  if (refusal !== undefined) return { ...errorResult(check, refusal), attempts: 1 };
  // Loaded before the clock starts: importing a probe's driver is not the check's time.
  const loaded = await loadRunner(check);
  if ("unloadable" in loaded) return loaded.unloadable;
  const { runner } = loaded;
  const started = performance.now();
  let result: CheckResult | undefined;
  for (let attempt = 1; attempt <= check.retries + 1; attempt++) {
    result = await attemptCheck(check, runner, context);
    result.attempts = attempt;
    if (result.status !== "error" || context.signal.aborted || attempt > check.retries) break;
    await sleep(RETRY_BASE_MS * 2 ** (attempt - 1), undefined, { signal: context.signal }).catch(
      () => undefined,
    );
    // Ctrl-C during the wait: report the last attempt's error, start no new one.
    if (context.signal.aborted) break;
  }
  return { ...(result as CheckResult), durationMs: Math.round(performance.now() - started) };
}

/**
 * Each probe's runner, once imported. `import()` of a module already loaded still resolves it
 * through the ESM loader, ~0.25 ms a call: a worker running thousands of checks a minute asks once.
 */
const loadedRunners = new WeakMap<PlannedCheck["probe"], ProbeRunner<unknown>>();

/** The probe's runner module, or the check's error when it cannot be imported (a broken install). */
async function loadRunner(
  check: PlannedCheck,
): Promise<{ runner: ProbeRunner<unknown> } | { unloadable: CheckResult }> {
  const known = loadedRunners.get(check.probe);
  if (known !== undefined) return { runner: known };
  try {
    const runner = await check.probe.loadRunner();
    loadedRunners.set(check.probe, runner);
    return { runner };
  } catch (error) {
    const cause = (error as Error).message ?? String(error);
    const unloadable: CheckResult = {
      ...errorResult(check, `the ${check.probe.name} probe could not be loaded: ${cause}`),
      attempts: 1,
    };
    return { unloadable };
  }
}

/** A check that never started: its error, and nothing measured. */
async function attemptCheck(
  check: PlannedCheck,
  runner: ProbeRunner<unknown>,
  context: CheckRunContext,
): Promise<CheckResult> {
  const raw = await runProbeBounded(check, runner, context);
  // Masked whole before anything is cut, so no excerpt ends in the first half of a secret.
  const shown = context.redact(raw);
  const observations = compact(shown.observations);
  const base = { id: check.id, probe: check.probe.name, durationMs: 0, evidence: shown.evidence };
  if (shown.error !== undefined) {
    return { ...base, status: "error", error: shown.error, observations, expectations: [] };
  }
  const expectations = context.redact(
    check.expectations.map((e) =>
      evaluateExpectation(e, raw.observations, { shown: shown.observations, partial: raw.partial }),
    ),
  );
  const status = expectations.some((e) => e.error !== undefined)
    ? "error"
    : expectations.every((e) => e.ok)
      ? "pass"
      : "fail";
  const firstError = expectations.find((e) => e.error !== undefined)?.error;
  return {
    ...base,
    status,
    observations,
    expectations,
    ...(firstError !== undefined && { error: firstError }),
  };
}

async function runProbeBounded(
  check: PlannedCheck,
  runner: ProbeRunner<unknown>,
  context: CheckRunContext,
): Promise<ProbeResult> {
  const controller = new AbortController();
  const onCancel = () => controller.abort(new Error("cancelled (Ctrl-C)"));
  context.signal.addEventListener("abort", onCancel, { once: true });
  if (context.signal.aborted) onCancel();
  const timeoutText = formatQuantity({ value: check.timeoutMs, unit: "ms" });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    // Named TimeoutError, as AbortSignal.timeout names its reason: probes tell a timeout from a Ctrl-C by it.
    const reason = new Error(`timed out after ${timeoutText}`);
    reason.name = "TimeoutError";
    controller.abort(reason);
  }, check.timeoutMs + ABORT_AFTER_MS);
  let abandonTimer: NodeJS.Timeout | undefined;
  const abandoned = new Promise<ProbeResult>((resolve) => {
    abandonTimer = setTimeout(
      () =>
        resolve({
          observations: {},
          error: `timed out after ${timeoutText} (the probe did not stop; abandoned)`,
        }),
      check.timeoutMs + ABANDON_AFTER_MS,
    );
  });
  const probeContext: ProbeContext = {
    signal: controller.signal,
    timeoutMs: check.timeoutMs,
    requested: check.expectations.map((e) => e.observable),
    targets: context.targets,
    baseDir: context.baseDir,
    ...(context.env !== undefined && { env: context.env }),
    ...(context.policy?.network !== undefined && { network: context.policy.network }),
    ...(context.onProgress !== undefined && {
      progress: (progress: ProbeProgress) => context.onProgress?.(check, progress),
    }),
  };
  try {
    const running = runner.run(check.probeConfig, probeContext).catch(
      (error: unknown): ProbeResult => ({
        observations: {},
        error: isGonogoError(error)
          ? error.message
          : `the ${check.probe.name} probe failed unexpectedly: ${(error as Error).message ?? String(error)}`,
      }),
    );
    const result = await Promise.race([running, abandoned]);
    // Past its timeout a probe's result does not count, even a late success.
    if (timedOut && !result.error?.includes("timed out")) {
      const detail = result.error === undefined ? "" : `: ${result.error}`;
      return { ...result, error: `timed out after ${timeoutText}${detail}` };
    }
    return result;
  } finally {
    clearTimeout(timer);
    clearTimeout(abandonTimer);
    context.signal.removeEventListener("abort", onCancel);
  }
}

/** Reports keep a readable excerpt of long values; expectations were evaluated on the full ones. */
function compact(observations: Observations): Observations {
  const out: Observations = {};
  for (const [name, value] of Object.entries(observations)) {
    if (typeof value === "string" && value.length > MAX_STRING) {
      out[name] = `${value.slice(0, MAX_STRING)}… (${value.length - MAX_STRING} more characters)`;
    } else if (Array.isArray(value) && value.length > MAX_LIST) {
      out[name] = [...value.slice(0, MAX_LIST), `… (${value.length - MAX_LIST} more)`];
    } else out[name] = value;
  }
  return out;
}
