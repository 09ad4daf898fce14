import { dirname } from "node:path";
import type { LoadedConfig } from "../config/index.js";
import type { CheckResult } from "../core/check-result.js";
import type { Observed } from "../core/observation.js";
import type { ProbePolicy } from "../core/probe-policy.js";
import { runCheck } from "../engine/run-check.js";
import { createRedactor } from "../redact/create-redactor.js";
import type { GateOutcome, GatePolicy } from "../verdict/rollout-gates.js";

/** One evaluation of a gate: its check's result and what it means for the gate. */
export interface GateEvaluation {
  check: string;
  outcome: GateOutcome;
  reason: string;
  result: CheckResult;
}

/**
 * Runs a gate's check (any probe) once through the engine, as `gonogo verify` runs it, and says
 * what it means for a rollout: a probe that could not reach its source is a `source-error`; a
 * source that answered without data (no series, `samples == 0`, an observable absent) is
 * `no-data`, never a pass; otherwise the check's own pass or fail.
 */
export async function evaluateGate(
  loaded: LoadedConfig,
  checkId: string,
  options: { signal: AbortSignal; env?: Readonly<Record<string, string | undefined>>; policy?: ProbePolicy },
): Promise<GateEvaluation> {
  const definition = loaded.checks.find((c) => c.id === checkId);
  if (definition === undefined)
    throw new Error(`gate ${checkId}: no such check (the config loader checks this)`);
  const result = await runCheck(
    { ...definition, itemIds: [] },
    {
      targets: loaded.targets,
      baseDir: dirname(loaded.path),
      signal: options.signal,
      redact: createRedactor(loaded.secrets),
      ...(options.env !== undefined && { env: options.env }),
      ...(options.policy !== undefined && { policy: options.policy }),
    },
  );
  return { check: checkId, ...classify(result), result };
}

export function classify(result: CheckResult): { outcome: GateOutcome; reason: string } {
  const shown = result.expectations.map((e) => `${e.expr} (${e.actual})`).join(", ");
  const noSamples = result.observations.samples === 0;
  if (result.status === "error" && result.expectations.length === 0)
    return { outcome: "source-error", reason: result.error ?? "the check could not run" };
  if (result.status === "error" || noSamples)
    return { outcome: "no-data", reason: `no data: ${result.error ?? shown}` };
  return { outcome: result.status, reason: shown };
}

type GateOptions = Parameters<typeof evaluateGate>[2];

/**
 * Evaluates a gate as its policy says: its check, and with a `baseline` the stable version's check
 * too. The canary then also fails when its `observable` is above `maxRatio` × the baseline's plus
 * `tolerance`. A source error or no data on either side is inconclusive, never a pass.
 */
export async function evaluateGatePolicy(
  loaded: LoadedConfig,
  gate: Pick<GatePolicy, "check" | "baseline">,
  options: GateOptions,
): Promise<GateEvaluation> {
  const baseline = gate.baseline;
  if (baseline === undefined) return evaluateGate(loaded, gate.check, options);
  const [canary, stable] = await Promise.all([
    evaluateGate(loaded, gate.check, options),
    evaluateGate(loaded, baseline.check, options),
  ]);
  return { ...canary, ...compareWithBaseline(canary, stable, baseline) };
}

export function compareWithBaseline(
  canary: GateEvaluation,
  stable: GateEvaluation,
  baseline: NonNullable<GatePolicy["baseline"]>,
): { outcome: GateOutcome; reason: string } {
  if (canary.outcome === "source-error" || canary.outcome === "no-data" || canary.outcome === "fail")
    return { outcome: canary.outcome, reason: canary.reason };
  if (stable.outcome === "source-error" || stable.outcome === "no-data")
    return { outcome: stable.outcome, reason: `baseline ${baseline.check}: ${stable.reason}` };
  const mine = numberOf(canary.result.observations[baseline.observable]);
  const theirs = numberOf(stable.result.observations[baseline.observable]);
  if (mine === null || theirs === null)
    return {
      outcome: "no-data",
      reason: `no data: ${baseline.observable} missing from ${mine === null ? gate(canary) : baseline.check}`,
    };
  const limit = theirs * baseline.maxRatio + baseline.tolerance;
  const compared = `${baseline.observable} ${mine} vs baseline ${theirs} × ${baseline.maxRatio} + ${baseline.tolerance} = ${limit}`;
  return mine > limit
    ? { outcome: "fail", reason: `${compared}: above the baseline` }
    : { outcome: "pass", reason: `${canary.reason}; ${compared}` };
}

const gate = (evaluation: GateEvaluation) => evaluation.check;

function numberOf(value: Observed | undefined): number | null {
  if (typeof value === "number") return value;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value.value;
  return null;
}
