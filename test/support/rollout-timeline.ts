import { type RolloutView, toRolloutView } from "../../src/pipeline/rollout-view.js";
import type { DriverDocument } from "../../src/rollout/driver.js";
import type { RolloutState } from "../../src/rollout/machine.js";
import {
  type NewRolloutEvent,
  openStore,
  type RolloutEventRecord,
  type StoredRollout,
} from "../../src/store/index.js";

/**
 * A rollout's timeline as `rollout/driver.ts` writes it (same kinds, details and keys): canary at
 * 10 %, three passes and a pending result (no data), half at 50 %, an inconclusive result (the
 * source erred), a pass, then a failure that rolls back to 0 in 420 ms. `holding` stops before
 * the failure, with the rollout waiting for a person in phase half.
 */
export interface SampleTimeline {
  events: NewRolloutEvent[];
  document: DriverDocument;
  /** Gate results on the timeline, by verdict mark. */
  gates: { pass: number; fail: number; pending: number; inconclusive: number };
  /** The weights asked for, one step each: the phases' weights, then the safe one after a rollback. */
  weights: number[];
}

const T0 = Date.parse("2026-12-02T10:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

const response = (percentage: number) => ({
  ok: true,
  status: 200,
  body: JSON.stringify({ name: "checkout", percentage }),
  durationMs: 3,
});

function setWeight(ms: number, seq: number, weight: number): NewRolloutEvent[] {
  const key = `abc123:${seq}`;
  const action = { kind: "set-weight", weight, key, attempt: 1 };
  return [
    { at: at(ms), kind: "action-started", key, detail: action },
    {
      at: at(ms + 20),
      kind: "action-done",
      key,
      detail: { action, response: response(weight), readBack: response(weight), weight, error: null },
    },
    { at: at(ms + 20), kind: "note", detail: { text: `read back weight ${weight}`, event: "weight-read" } },
  ];
}

function gate(ms: number, outcome: string, value: number | null, reason: string): NewRolloutEvent {
  const observations = { series: value === null ? 0 : 1, samples: value === null ? 0 : 1, value };
  return {
    at: at(ms),
    kind: "gate",
    detail: { check: "error-rate", outcome, reason, observations, durationMs: 4 },
  };
}

const phase = (ms: number, name: string, status: string, weight: number, reason: string | null = null) => ({
  at: at(ms),
  kind: "phase",
  detail: { phase: name, status, weight, reason },
});

function machine(state: Partial<RolloutState>): DriverDocument {
  const full: RolloutState = {
    revision: "abc123",
    status: "progressing",
    phase: 1,
    soakStartedAt: T0 + 2020,
    wantedWeight: 50,
    readWeight: 50,
    pending: null,
    gates: {},
    reason: null,
    breachAt: null,
    safeAt: null,
    setAttempts: 1,
    seq: 2,
    ...state,
  };
  return { machine: full, commandsSeen: 0, evaluated: { soak: full.soakStartedAt, at: {} } };
}

export function sampleTimeline(until: "rolled-back" | "holding" = "rolled-back"): SampleTimeline {
  const healthy = "samples > 0 (1), value < 0.05 (0.01)";
  const before: NewRolloutEvent[] = [
    { at: at(0), kind: "note", detail: { text: "started revision abc123", event: "start" } },
    phase(0, "canary", "progressing", 10),
    ...setWeight(0, 1, 10),
    gate(500, "pass", 0.01, healthy),
    gate(1000, "pass", 0.012, healthy),
    gate(1500, "no-data", null, "no data: samples > 0 (0)"),
    gate(1800, "pass", 0.011, healthy),
    phase(2000, "half", "progressing", 50),
    ...setWeight(2000, 2, 50),
    gate(2500, "source-error", null, "GET /api/v1/query: connect ECONNREFUSED"),
    gate(3000, "pass", 0.02, healthy),
  ];
  if (until === "holding") {
    const reason = "phase half: error-rate inconclusive; promote or abort";
    return {
      events: [...before, phase(3200, "half", "holding", 50, reason)],
      document: machine({ status: "holding", reason }),
      gates: { pass: 4, fail: 0, pending: 1, inconclusive: 1 },
      weights: [10, 50],
    };
  }
  const reason = "phase half failed: error-rate failed (critical)";
  return {
    events: [
      ...before,
      gate(3500, "fail", 0.2, "samples > 0 (1), value < 0.05 (0.2)"),
      phase(3500, "half", "rolling-back", 0, reason),
      ...setWeight(3500, 3, 0).slice(0, 2),
      phase(3920, "half", "rolled-back", 0, reason),
      { at: at(3920), kind: "rolled-back", detail: { breachToSafeMs: 420, reason, weight: 0 } },
    ],
    document: machine({
      status: "rolled-back",
      wantedWeight: 0,
      readWeight: 0,
      soakStartedAt: null,
      reason,
      breachAt: T0 + 3500,
      safeAt: T0 + 3920,
      seq: 3,
    }),
    gates: { pass: 4, fail: 1, pending: 1, inconclusive: 1 },
    weights: [10, 50, 0],
  };
}

/** Stores `timeline` as rollout `name` in the store at `location`, through the repository the driver writes with. */
export async function storeSampleRollout(
  location: string,
  name: string,
  timeline: SampleTimeline,
): Promise<void> {
  const store = await openStore({ store: location });
  try {
    const now = timeline.events[0]?.at ?? at(0);
    if (!(await store.acquireRolloutLease(name, "seed", { now, until: at(30_000) })))
      throw new Error(`rollout ${name}: the lease is held`);
    const saved = await store.saveRollout(name, "seed", {
      revision: "abc123",
      state: timeline.document,
      at: timeline.events.at(-1)?.at ?? now,
      events: timeline.events,
    });
    if (!saved) throw new Error(`rollout ${name}: not saved`);
    await store.releaseRolloutLease(name, "seed");
  } finally {
    await store.close();
  }
}

/** The sample as `pipeline/rollout-view.ts` reads it from the store (ids in order, lease as given). */
export function sampleView(
  name: string,
  timeline: SampleTimeline,
  lease: { owner: string | null; until: string | null } = { owner: null, until: null },
): RolloutView {
  const events: RolloutEventRecord[] = timeline.events.map((e, i) => ({
    ...e,
    id: i + 1,
    rollout: name,
    key: e.key ?? null,
  }));
  const stored: StoredRollout = {
    name,
    revision: "abc123",
    state: timeline.document,
    leaseOwner: lease.owner,
    leaseUntil: lease.until,
    updatedAt: events.at(-1)?.at ?? at(0),
  };
  return toRolloutView(stored, events);
}
