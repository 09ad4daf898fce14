import {
  foldGate,
  type GateCounters,
  type GateOutcome,
  NO_COUNTS,
  phaseVerdict,
} from "../verdict/rollout-gates.js";
import type { RolloutPlan } from "../verdict/rollout-plan.js";

export type { PhasePlan, RolloutPlan } from "../verdict/rollout-plan.js";

export type RolloutStatus =
  | "progressing"
  | "holding"
  | "paused"
  | "rolling-back"
  | "rolled-back"
  | "escalated"
  | "succeeded";

/** What the driver must do next. Each carries an idempotency key: it is done once, whatever restarts. */
export type PendingAction =
  | { kind: "set-weight"; weight: number; key: string; attempt: number }
  | { kind: "escalate"; reason: string; key: string };

export interface RolloutState {
  revision: string;
  status: RolloutStatus;
  phase: number;
  /** When the weight of the phase was read back as wanted: the soak runs from here. Null until then. */
  soakStartedAt: number | null;
  wantedWeight: number;
  /** The last weight read back from the traffic system; null before the first read. */
  readWeight: number | null;
  pending: PendingAction | null;
  gates: Record<string, GateCounters>;
  /** Why the rollout holds (a person decides), or why it rolled back. */
  reason: string | null;
  /** When the breach (or an abort) that started the rollback was seen, and when the safe weight was read back. */
  breachAt: number | null;
  safeAt: number | null;
  setAttempts: number;
  /** Counts actions, for idempotency keys. */
  seq: number;
}

export type RolloutEvent =
  | { type: "start"; revision: string; at: number }
  | { type: "gate"; check: string; outcome: GateOutcome; reason: string; at: number }
  | { type: "tick"; at: number }
  | { type: "weight-read"; key: string; weight: number; at: number }
  | { type: "weight-unreadable"; key: string; error: string; at: number }
  | { type: "escalated"; key: string; at: number }
  | { type: "promote" | "pause" | "resume" | "abort"; by: string; at: number };

export interface Step {
  state: RolloutState;
  /** The actions to take now, in order; the state that asks for them is to be saved first. */
  actions: PendingAction[];
  /** What changed, in words, for the timeline (`gonogo rollout status`). */
  notes: string[];
}

const TERMINAL: ReadonlySet<RolloutStatus> = new Set(["rolled-back", "escalated", "succeeded"]);

export function isTerminal(status: RolloutStatus): boolean {
  return TERMINAL.has(status);
}

/** The time from the breach to the safe weight read back, once a rollback is done. */
export function rollbackMs(state: RolloutState): number | null {
  return state.breachAt !== null && state.safeAt !== null ? state.safeAt - state.breachAt : null;
}

/**
 * The rollout as a pure state machine: a state and an event give the next state and the actions
 * to take. Nothing here reads a clock or does I/O, so its rules are tested as properties
 * (machine.property.test.ts) and the driver only persists, acts and feeds back what it saw.
 */
export function step(plan: RolloutPlan, state: RolloutState | null, event: RolloutEvent): Step {
  if (event.type === "start") {
    if (state !== null && state.revision === event.revision) return { state, actions: [], notes: [] };
    return enterPhase(plan, fresh(event.revision, state?.seq ?? 0), 0, [
      state === null ? `started revision ${event.revision}` : `new revision ${event.revision}: state reset`,
    ]);
  }
  if (state === null) return { state: fresh("", 0), actions: [], notes: ["no rollout started"] };
  switch (event.type) {
    case "weight-read":
    case "weight-unreadable":
    case "escalated":
      return onActionResult(plan, state, event);
    case "gate":
      return onGate(plan, state, event);
    case "tick":
      return onTick(plan, state, event.at);
    default:
      return onPerson(plan, state, event);
  }
}

function fresh(revision: string, seq: number): RolloutState {
  return {
    revision,
    status: "progressing",
    phase: 0,
    soakStartedAt: null,
    wantedWeight: 0,
    readWeight: null,
    pending: null,
    gates: {},
    reason: null,
    breachAt: null,
    safeAt: null,
    setAttempts: 0,
    seq,
  };
}

function setWeight(state: RolloutState, weight: number, attempt: number): PendingAction {
  return { kind: "set-weight", weight, key: `${state.revision}:${state.seq + 1}`, attempt };
}

function enterPhase(plan: RolloutPlan, state: RolloutState, phase: number, notes: string[]): Step {
  const target = plan.phases[phase];
  if (target === undefined) {
    return {
      state: { ...state, status: "succeeded", pending: null, reason: null },
      actions: [],
      notes: [...notes, "every phase passed: rollout succeeded"],
    };
  }
  const action = setWeight(state, target.weight, 1);
  const next: RolloutState = {
    ...state,
    status: "progressing",
    phase,
    soakStartedAt: null,
    wantedWeight: target.weight,
    pending: action,
    gates: {},
    reason: null,
    setAttempts: 1,
    seq: state.seq + 1,
  };
  return {
    state: next,
    actions: [action],
    notes: [...notes, `phase ${target.name}: set weight ${target.weight}`],
  };
}

function rollBack(plan: RolloutPlan, state: RolloutState, at: number, reason: string): Step {
  const action = setWeight(state, plan.safeWeight, 1);
  const next: RolloutState = {
    ...state,
    status: "rolling-back",
    soakStartedAt: null,
    wantedWeight: plan.safeWeight,
    pending: action,
    reason,
    breachAt: at,
    safeAt: null,
    setAttempts: 1,
    seq: state.seq + 1,
  };
  return { state: next, actions: [action], notes: [`rolling back to weight ${plan.safeWeight}: ${reason}`] };
}

function onActionResult(
  plan: RolloutPlan,
  state: RolloutState,
  event: Extract<RolloutEvent, { type: "weight-read" | "weight-unreadable" | "escalated" }>,
): Step {
  // A result for another action (a duplicate, or one a rollback replaced) changes nothing.
  if (state.pending === null || state.pending.key !== event.key) return { state, actions: [], notes: [] };
  if (event.type === "escalated")
    return {
      state: { ...state, status: "escalated", pending: null },
      actions: [],
      notes: ["escalated to a person"],
    };
  const read = event.type === "weight-read" ? event.weight : null;
  const seen =
    read === null
      ? `could not read the weight back (${(event as { error: string }).error})`
      : `read back weight ${read}`;
  const withRead = { ...state, readWeight: read ?? state.readWeight };
  if (read === state.wantedWeight) {
    if (state.status === "rolling-back") {
      const done = { ...withRead, status: "rolled-back" as const, pending: null, safeAt: event.at };
      return {
        state: done,
        actions: [],
        notes: [`${seen}: rolled back in ${event.at - (state.breachAt ?? event.at)}ms`],
      };
    }
    const soaking = { ...withRead, pending: null, soakStartedAt: event.at, gates: {} };
    return {
      state: soaking,
      actions: [],
      notes: [`${seen}: soak of ${plan.phases[state.phase]?.name} starts`],
    };
  }
  const retries = state.status === "rolling-back" ? plan.rollbackRetries : plan.trafficRetries;
  if (state.setAttempts <= retries) {
    const action = setWeight(state, state.wantedWeight, state.setAttempts + 1);
    const next = { ...withRead, pending: action, setAttempts: state.setAttempts + 1, seq: state.seq + 1 };
    return {
      state: next,
      actions: [action],
      notes: [`${seen}, wanted ${state.wantedWeight}: setting it again`],
    };
  }
  if (state.status === "rolling-back") {
    const reason = `the safe weight ${plan.safeWeight} was not read back after ${state.setAttempts} tries (${seen})`;
    const action: PendingAction = { kind: "escalate", reason, key: `${state.revision}:${state.seq + 1}` };
    return {
      state: { ...withRead, pending: action, seq: state.seq + 1, reason },
      actions: [action],
      notes: [`${reason}: escalating`],
    };
  }
  const reason = `weight ${state.wantedWeight} was not read back after ${state.setAttempts} tries (${seen})`;
  return {
    state: { ...withRead, status: "holding", pending: null, reason },
    actions: [],
    notes: [`holding: ${reason}`],
  };
}

function onGate(
  plan: RolloutPlan,
  state: RolloutState,
  event: Extract<RolloutEvent, { type: "gate" }>,
): Step {
  const phase = plan.phases[state.phase];
  const policy = phase?.gates.find((g) => g.check === event.check);
  const counting = state.status === "progressing" || state.status === "holding" || state.status === "paused";
  // Results count only while the phase's weight is in force (its soak has started).
  if (phase === undefined || policy === undefined || !counting || state.soakStartedAt === null)
    return { state, actions: [], notes: [] };
  const counters = foldGate(
    policy,
    state.gates[policy.check] ?? NO_COUNTS,
    event.outcome,
    event.at,
    event.reason,
  );
  const next = { ...state, gates: { ...state.gates, [policy.check]: counters } };
  const verdict = phaseVerdict({ gates: phase.gates, counters: next.gates }, false);
  if (verdict.verdict === "fail")
    return rollBack(plan, next, event.at, `phase ${phase.name} failed: ${verdict.reason}`);
  return { state: next, actions: [], notes: [] };
}

function onTick(plan: RolloutPlan, state: RolloutState, at: number): Step {
  const phase = plan.phases[state.phase];
  if (
    state.status !== "progressing" ||
    state.pending !== null ||
    state.soakStartedAt === null ||
    phase === undefined
  )
    return { state, actions: [], notes: [] };
  const soakOver = at - state.soakStartedAt >= phase.soakMs;
  if (!soakOver) return { state, actions: [], notes: [] };
  const verdict = phaseVerdict({ gates: phase.gates, counters: state.gates }, true);
  if (verdict.verdict === "pass")
    return enterPhase(plan, state, state.phase + 1, [`phase ${phase.name} passed`]);
  if (verdict.verdict === "pending") return { state, actions: [], notes: [] };
  const reason = `phase ${phase.name}: ${verdict.reason}; promote or abort`;
  return {
    state: { ...state, status: "holding", reason },
    actions: [],
    notes: [`holding for a person: ${reason}`],
  };
}

function onPerson(
  plan: RolloutPlan,
  state: RolloutState,
  event: Extract<RolloutEvent, { type: "promote" | "pause" | "resume" | "abort" }>,
): Step {
  const unchanged = (why: string): Step => ({
    state,
    actions: [],
    notes: [`${event.type} by ${event.by} ignored: ${why}`],
  });
  if (isTerminal(state.status)) return unchanged(`the rollout is ${state.status}`);
  if (event.type === "abort") return rollBack(plan, state, event.at, `aborted by ${event.by}`);
  if (state.status === "rolling-back") return unchanged("rolling back");
  switch (event.type) {
    case "pause":
      return { state: { ...state, status: "paused" }, actions: [], notes: [`paused by ${event.by}`] };
    case "resume":
      if (state.status !== "paused") return unchanged(`not paused (${state.status})`);
      return { state: { ...state, status: "progressing" }, actions: [], notes: [`resumed by ${event.by}`] };
    case "promote":
      if (state.pending !== null) return unchanged("the weight of this phase is still being set");
      return enterPhase(plan, state, state.phase + 1, [
        `phase ${plan.phases[state.phase]?.name} promoted by ${event.by}`,
      ]);
  }
}
