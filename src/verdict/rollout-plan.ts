import { GATE_DEFAULTS, type RolloutConfig } from "../config/index.js";
import type { GatePolicy } from "./rollout-gates.js";

/** A phase as the machine runs it: durations in milliseconds, gates with their defaults applied. */
export interface PhasePlan {
  name: string;
  weight: number;
  soakMs: number;
  gates: GatePolicy[];
}

export interface RolloutPlan {
  name: string;
  phases: PhasePlan[];
  safeWeight: number;
  /** Sets of a phase's weight whose read-back disagrees, tried again before the rollout holds. */
  trafficRetries: number;
  /** Sets of the safe weight tried again before escalating. */
  rollbackRetries: number;
}

/** The machine's plan from gonogo.yml's `rollout:`: each gate with the rollout's defaults, then gonogo's. */
export function toRolloutPlan(config: RolloutConfig, name: string): RolloutPlan {
  const defaults = { ...GATE_DEFAULTS, ...stripUndefined(config.defaults) };
  return {
    name: config.name ?? name,
    safeWeight: config.traffic.safeWeight,
    trafficRetries: config.traffic.retries,
    rollbackRetries: config.rollback.retries,
    phases: config.phases.map((phase) => ({
      name: phase.name,
      weight: phase.weight,
      soakMs: phase.soak,
      gates: phase.gates.map((gate): GatePolicy => {
        const merged = { ...defaults, ...stripUndefined(gate) };
        return {
          check: gate.check,
          critical: gate.critical,
          intervalMs: merged.interval,
          minSamples: merged.minSamples,
          consecutivePasses: merged.consecutivePasses,
          failureLimit: merged.failureLimit,
          onNoData: merged.onNoData,
          onSourceError: { holdForMs: merged.onSourceError.holdFor, afterHold: merged.onSourceError.then },
          ...("baseline" in gate && gate.baseline !== undefined && { baseline: gate.baseline }),
        };
      }),
    })),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** How often the driver evaluates gates: the shortest gate interval of the rollout. */
export function tickMs(plan: RolloutPlan): number {
  const intervals = plan.phases.flatMap((p) => p.gates.map((g) => g.intervalMs));
  return intervals.length === 0 ? GATE_DEFAULTS.interval : Math.min(...intervals);
}
