/**
 * One gate's running tally during a phase, and what it says. Pure: the rollout machine, the
 * driver and the controller endpoints (Argo Rollouts, Flagger) fold gate results with it alike.
 */

/** What one evaluation of a gate's check saw. */
export type GateOutcome = "pass" | "fail" | "no-data" | "source-error";

/** What a gate, or a phase, says now. */
export type GateVerdict = "pass" | "fail" | "pending" | "inconclusive";

export interface GatePolicy {
  check: string;
  critical: boolean;
  intervalMs: number;
  minSamples: number;
  consecutivePasses: number;
  failureLimit: number;
  onNoData: "hold" | "fail" | "pass";
  /** gonogo.yml's `onSourceError: {holdFor, then}`. */
  onSourceError: { holdForMs: number; afterHold: "fail" | "hold" };
  /** Compared with the stable version's measurement: fails above `maxRatio` × baseline + `tolerance`. */
  baseline?: { check: string; observable: string; maxRatio: number; tolerance: number };
}

export interface GateCounters {
  /** Evaluations that counted as a pass or a fail (inconclusive ones are not samples). */
  samples: number;
  consecutivePasses: number;
  failures: number;
  /** When the metric source started failing, for `onSourceError.holdFor`; null while it answers. */
  sourceErrorSince: number | null;
  /** The last evaluation as the gate counted it. */
  last: "pass" | "fail" | "inconclusive" | null;
  lastReason: string;
}

export const NO_COUNTS: GateCounters = {
  samples: 0,
  consecutivePasses: 0,
  failures: 0,
  sourceErrorSince: null,
  last: null,
  lastReason: "not evaluated yet",
};

/**
 * Folds one outcome into the counters. No data counts as a pass only under `onNoData: pass`; a
 * source error is inconclusive until it has lasted `holdFor`, then counts as `then` says. Anything
 * inconclusive breaks the run of consecutive passes: a streak is only made of passes seen.
 */
export function foldGate(
  policy: GatePolicy,
  counters: GateCounters,
  outcome: GateOutcome,
  at: number,
  reason: string,
): GateCounters {
  const counted = (as: "pass" | "fail", sourceErrorSince: number | null = null): GateCounters =>
    as === "pass"
      ? {
          samples: counters.samples + 1,
          consecutivePasses: counters.consecutivePasses + 1,
          failures: counters.failures,
          sourceErrorSince,
          last: "pass",
          lastReason: reason,
        }
      : {
          samples: counters.samples + 1,
          consecutivePasses: 0,
          failures: counters.failures + 1,
          sourceErrorSince,
          last: "fail",
          lastReason: reason,
        };
  const inconclusive = (sourceErrorSince: number | null): GateCounters => ({
    ...counters,
    consecutivePasses: 0,
    sourceErrorSince,
    last: "inconclusive",
    lastReason: reason,
  });
  switch (outcome) {
    case "pass":
    case "fail":
      return counted(outcome);
    case "no-data":
      return policy.onNoData === "hold" ? inconclusive(null) : counted(policy.onNoData);
    case "source-error": {
      const since = counters.sourceErrorSince ?? at;
      const { holdForMs, afterHold } = policy.onSourceError;
      if (at - since >= holdForMs && afterHold === "fail") return counted("fail", since);
      return inconclusive(since);
    }
  }
}

/** A gate's verdict: failed (at once if critical), satisfied (samples and streak), inconclusive, or pending. */
export function gateVerdict(policy: GatePolicy, counters: GateCounters): GateVerdict {
  if (counters.failures >= (policy.critical ? 1 : policy.failureLimit)) return "fail";
  if (counters.samples >= policy.minSamples && counters.consecutivePasses >= policy.consecutivePasses)
    return "pass";
  if (counters.last === "inconclusive") return "inconclusive";
  return "pending";
}

/** Why a gate says what it says, in words a person reads in `status` or a controller's log. */
export function describeGate(policy: GatePolicy, counters: GateCounters): string {
  const verdict = gateVerdict(policy, counters);
  const tally = `${counters.samples}/${policy.minSamples} samples, ${counters.consecutivePasses}/${policy.consecutivePasses} consecutive passes, ${counters.failures} failure(s)`;
  return `${policy.check}${policy.critical ? " (critical)" : ""}: ${verdict}; ${tally}; last: ${counters.lastReason}`;
}

export interface PhaseGates {
  gates: readonly GatePolicy[];
  counters: Readonly<Record<string, GateCounters>>;
}

/**
 * A phase's verdict from its gates: any gate failed fails it; it passes only once its soak is over
 * and every gate is satisfied; at the soak's end an inconclusive gate holds for a person.
 */
export function phaseVerdict(phase: PhaseGates, soakOver: boolean): { verdict: GateVerdict; reason: string } {
  const described = phase.gates.map((policy) => {
    const counters = phase.counters[policy.check] ?? NO_COUNTS;
    return { verdict: gateVerdict(policy, counters), text: describeGate(policy, counters) };
  });
  const failed = described.filter((d) => d.verdict === "fail");
  if (failed.length > 0) return { verdict: "fail", reason: failed.map((d) => d.text).join("; ") };
  const unmet = described.filter((d) => d.verdict !== "pass");
  if (unmet.length === 0)
    return soakOver
      ? { verdict: "pass", reason: "soak over and every gate held" }
      : { verdict: "pending", reason: "every gate holds; soaking" };
  const reason = unmet.map((d) => d.text).join("; ");
  // Past the soak, a gate still building its streak on passes is pending (the next result decides);
  // one whose last result said nothing (no data, a source error) is inconclusive: a person decides.
  if (unmet.some((d) => d.verdict === "inconclusive"))
    return {
      verdict: "inconclusive",
      reason: soakOver ? `soak over, gates inconclusive: ${reason}` : reason,
    };
  return { verdict: "pending", reason: soakOver ? `soak over, gates still counting: ${reason}` : reason };
}
