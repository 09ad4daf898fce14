import type { Observed, Quantity } from "../core/observation.js";
import { describeEntry } from "./rollout-entry.js";

/** One event of a rollout's timeline as the store keeps it (the shape of store/'s RolloutEventRecord). */
export interface TimelineEvent {
  at: string;
  kind: string;
  key: string | null;
  detail: Record<string, unknown>;
}

/** A gate result in the words of the gate verdicts (DESIGN.md): no data holds, a source error is inconclusive. */
export type GateMark = "pass" | "fail" | "pending" | "inconclusive";

const MARKS: Readonly<Record<string, GateMark>> = {
  pass: "pass",
  fail: "fail",
  "no-data": "pending",
  "source-error": "inconclusive",
};

export interface WeightStep {
  at: number;
  weight: number;
}

export interface GatePoint {
  at: number;
  mark: GateMark;
  /** The gate's value when its check observed a number (see `gateValue`), else null. */
  value: Quantity | number | null;
  reason: string;
}

export interface GateLane {
  check: string;
  points: GatePoint[];
}

export interface PhaseMark {
  at: number;
  phase: string | null;
  status: string;
  weight: number;
}

export interface ActionMark {
  at: number;
  text: string;
  /** Whether the call answered well; null when it was reconciled without a call. */
  ok: boolean | null;
}

export interface CommandMark {
  at: number;
  type: string;
  by: string;
}

export interface RollbackSpan {
  breachAt: number;
  safeAt: number;
  breachToSafeMs: number;
}

/** What a rollout's timeline chart draws, in epoch milliseconds. */
export interface RolloutSeries {
  from: number;
  to: number;
  /** The weight each phase (or rollback) asked for, a step where it changed. */
  wanted: WeightStep[];
  /** The weight read back from the traffic system after each action, a step where it changed. */
  read: WeightStep[];
  /** One lane per gate check, in the order each was first evaluated. */
  lanes: GateLane[];
  /** Every change of phase or status: the boundaries. */
  phases: PhaseMark[];
  actions: ActionMark[];
  commands: CommandMark[];
  rollbacks: RollbackSpan[];
}

/** Observables that count rather than measure: a gate's value is the measurement beside them. */
const COUNTS = new Set(["samples", "series"]);

const isQuantity = (value: Observed): value is Quantity =>
  typeof value === "object" && value !== null && !Array.isArray(value) && typeof value.value === "number";

/**
 * The one number a gate's check saw, to chart over time: `value` (what a PromQL query returns),
 * else a value the expectation asked for by call (`value(app_error_ratio)`, `quantile(...)`),
 * else the first numeric observation that is not a count of samples or series.
 *
 * @example gateValue({ series: 1, samples: 1, value: 0.02 }) // 0.02
 */
export function gateValue(observations: unknown): Quantity | number | null {
  if (typeof observations !== "object" || observations === null) return null;
  const entries = Object.entries(observations as Record<string, Observed>).filter(
    ([, value]) => (typeof value === "number" && Number.isFinite(value)) || isQuantity(value),
  );
  const found =
    entries.find(([name]) => name === "value") ??
    entries.find(([name]) => /^\w+\(/.test(name)) ??
    entries.find(([name]) => !COUNTS.has(name));
  return found === undefined ? null : (found[1] as Quantity | number);
}

/** Appends a step only where the weight changes: a step line has no flat joints. */
function pushStep(steps: WeightStep[], at: number, weight: unknown): void {
  if (typeof weight !== "number" || !Number.isFinite(weight)) return;
  if (steps.at(-1)?.weight === weight) return;
  steps.push({ at, weight });
}

function responseOk(detail: Record<string, unknown>): boolean | null {
  const response = detail.response as { ok?: unknown } | null | undefined;
  return typeof response?.ok === "boolean" ? response.ok : null;
}

/**
 * Reads a rollout's timeline (oldest first) into what its chart draws: weights wanted and read
 * back as steps, gate results per check, phase boundaries, actions, people's commands and
 * rollbacks (from the breach to the safe weight read back). Events with an unreadable time are left out.
 */
export function rolloutSeries(events: readonly TimelineEvent[]): RolloutSeries {
  const series: RolloutSeries = {
    from: Number.POSITIVE_INFINITY,
    to: Number.NEGATIVE_INFINITY,
    wanted: [],
    read: [],
    lanes: [],
    phases: [],
    actions: [],
    commands: [],
    rollbacks: [],
  };
  const lanes = new Map<string, GateLane>();
  for (const event of events) {
    const at = Date.parse(event.at);
    if (Number.isNaN(at)) continue;
    series.from = Math.min(series.from, at);
    series.to = Math.max(series.to, at);
    const d = event.detail;
    switch (event.kind) {
      case "phase":
        series.phases.push({
          at,
          phase: typeof d.phase === "string" ? d.phase : null,
          status: String(d.status ?? ""),
          weight: Number(d.weight),
        });
        pushStep(series.wanted, at, d.weight);
        break;
      case "action-done":
        series.actions.push({ at, text: describeEntry(event.kind, d), ok: responseOk(d) });
        pushStep(series.read, at, d.weight);
        break;
      case "gate": {
        const check = String(d.check ?? "?");
        const lane = lanes.get(check) ?? { check, points: [] };
        if (!lanes.has(check)) {
          lanes.set(check, lane);
          series.lanes.push(lane);
        }
        lane.points.push({
          at,
          mark: MARKS[String(d.outcome)] ?? "inconclusive",
          value: gateValue(d.observations),
          reason: String(d.reason ?? ""),
        });
        break;
      }
      case "command":
        series.commands.push({ at, type: String(d.type ?? "?"), by: String(d.by ?? "someone") });
        break;
      case "rolled-back": {
        const ms = Number(d.breachToSafeMs);
        if (Number.isFinite(ms)) series.rollbacks.push({ breachAt: at - ms, safeAt: at, breachToSafeMs: ms });
        break;
      }
    }
  }
  if (series.from > series.to) series.from = series.to = 0;
  return series;
}
