import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GateOutcome, GatePolicy } from "../verdict/rollout-gates.js";
import { type RolloutEvent, type RolloutPlan, type RolloutState, step } from "./machine.js";

const policyArb = (over: Partial<GatePolicy> = {}) =>
  fc
    .record({
      critical: fc.boolean(),
      intervalMs: fc.constant(1000),
      minSamples: fc.integer({ min: 1, max: 5 }),
      consecutivePasses: fc.integer({ min: 1, max: 5 }),
      failureLimit: fc.integer({ min: 1, max: 3 }),
      onNoData: fc.constantFrom("hold" as const, "fail" as const, "pass" as const),
      onSourceError: fc.record({
        holdForMs: fc.integer({ min: 1, max: 20_000 }),
        afterHold: fc.constantFrom("fail" as const, "hold" as const),
      }),
    })
    .map((p): GatePolicy => ({ check: "errors", ...p, ...over }));

const planOf = (gate: GatePolicy, soakMs: number, phases = 2): RolloutPlan => ({
  name: "web",
  safeWeight: 0,
  trafficRetries: 2,
  rollbackRetries: 2,
  phases: Array.from({ length: phases }, (_, i) => ({
    name: `p${i}`,
    weight: [10, 50, 100][i] ?? 100,
    soakMs,
    gates: [gate],
  })),
});

/** Input a test feeds: a gate result or a tick, `dt` ms after the previous one. */
type Input = { dt: number } & (
  | { kind: "gate"; outcome: GateOutcome }
  | { kind: "tick" }
  | { kind: "promote" }
);

const inputArb = (outcomes: GateOutcome[], withPromote = false) =>
  fc.oneof(
    fc.record({
      dt: fc.integer({ min: 0, max: 3000 }),
      kind: fc.constant("gate" as const),
      outcome: fc.constantFrom(...outcomes),
    }),
    fc.record({ dt: fc.integer({ min: 0, max: 3000 }), kind: fc.constant("tick" as const) }),
    ...(withPromote ? [fc.record({ dt: fc.constant(0), kind: fc.constant("promote" as const) })] : []),
  );

/**
 * Runs a rollout the way the driver does, with a traffic system that always sets what it is asked:
 * each set-weight is answered by reading back the weight it set. `watch` sees each transition.
 */
function simulate(
  plan: RolloutPlan,
  inputs: Input[],
  watch: (before: RolloutState, event: RolloutEvent, after: RolloutState) => void = () => {},
): RolloutState {
  let at = 0;
  const apply = (state: RolloutState | null, event: RolloutEvent): RolloutState => {
    const { state: next, actions } = step(plan, state, event);
    if (state !== null) watch(state, event, next);
    let current = next;
    for (const action of actions) {
      if (action.kind === "set-weight")
        current = apply(current, { type: "weight-read", key: action.key, weight: action.weight, at });
      else current = apply(current, { type: "escalated", key: action.key, at });
    }
    return current;
  };
  let state = apply(null, { type: "start", revision: "r1", at });
  for (const input of inputs) {
    at += input.dt;
    const event: RolloutEvent =
      input.kind === "gate"
        ? { type: "gate", check: "errors", outcome: input.outcome, reason: input.outcome, at }
        : input.kind === "tick"
          ? { type: "tick", at }
          : { type: "promote", by: "test", at };
    state = apply(state, event);
  }
  return state;
}

describe("the rollout machine", () => {
  it("never counts no data as a pass unless onNoData is pass", () => {
    fc.assert(
      fc.property(
        policyArb({ onNoData: "hold" }).chain((p) =>
          fc.tuple(fc.constant(p), fc.constantFrom("hold" as const, "fail" as const)),
        ),
        fc.integer({ min: 0, max: 5000 }),
        fc.array(inputArb(["no-data"]), { maxLength: 60 }),
        ([policy, onNoData], soakMs, inputs) => {
          const state = simulate(planOf({ ...policy, onNoData }, soakMs), inputs);
          expect(state.phase).toBe(0);
          expect(state.status).not.toBe("succeeded");
          expect(state.gates.errors?.consecutivePasses ?? 0).toBe(0);
        },
      ),
    );
  });

  it("does advance on no data under onNoData: pass (a count guard)", () => {
    const policy: GatePolicy = {
      check: "errors",
      critical: false,
      intervalMs: 1000,
      minSamples: 2,
      consecutivePasses: 2,
      failureLimit: 1,
      onNoData: "pass",
      onSourceError: { holdForMs: 1000, afterHold: "fail" },
    };
    const gate = (dt: number): Input => ({ dt, kind: "gate", outcome: "no-data" });
    const state = simulate(planOf(policy, 1000, 1), [gate(0), gate(600), { dt: 600, kind: "tick" }]);
    expect(state.status).toBe("succeeded");
  });

  it("holds a source error as inconclusive for holdFor, then fails", () => {
    fc.assert(
      fc.property(
        policyArb({ failureLimit: 1, onSourceError: { holdForMs: 5000, afterHold: "fail" } }),
        fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 20 }),
        (policy, gaps) => {
          const inputs: Input[] = gaps.map((dt) => ({ dt, kind: "gate", outcome: "source-error" }));
          const state = simulate(planOf(policy, 1_000_000), inputs);
          // The first error is at gaps[0]; the budget runs out 5000ms later.
          const lasted = gaps.slice(1).reduce((a, b) => a + b, 0);
          if (lasted >= 5000) {
            expect(state.status).toBe("rolled-back");
            expect(state.reason).toContain("failed");
          } else {
            expect(state.status).toBe("progressing");
            expect(state.gates.errors?.last).toBe("inconclusive");
          }
        },
      ),
    );
  });

  it("passes a phase only after its soak, minSamples and N consecutive passes", () => {
    fc.assert(
      fc.property(
        policyArb(),
        fc.integer({ min: 0, max: 8000 }),
        fc.array(inputArb(["pass", "pass", "pass", "fail", "no-data", "source-error"]), { maxLength: 80 }),
        (policy, soakMs, inputs) => {
          const plan = planOf(policy, soakMs, 3);
          let advanced = 0;
          simulate(plan, inputs, (before, event, after) => {
            if (
              after.phase > before.phase ||
              (after.status === "succeeded" && before.status !== "succeeded")
            ) {
              advanced++;
              const counters = before.gates.errors;
              expect(event.type).toBe("tick");
              expect(before.soakStartedAt).not.toBeNull();
              expect(event.at - (before.soakStartedAt ?? 0)).toBeGreaterThanOrEqual(soakMs);
              expect(counters?.samples ?? 0).toBeGreaterThanOrEqual(policy.minSamples);
              expect(counters?.consecutivePasses ?? 0).toBeGreaterThanOrEqual(policy.consecutivePasses);
            }
          });
          return advanced >= 0;
        },
      ),
    );
  });

  it("holds for a person when the soak ends inconclusive, and a promote moves on", () => {
    fc.assert(
      fc.property(policyArb({ onNoData: "hold" }), fc.integer({ min: 1, max: 5 }), (policy, count) => {
        const plan = planOf(policy, 2000);
        const inputs: Input[] = [
          ...Array.from({ length: count }, (): Input => ({ dt: 100, kind: "gate", outcome: "no-data" })),
          { dt: 2000, kind: "tick" },
        ];
        const held = simulate(plan, inputs);
        expect(held.status).toBe("holding");
        expect(held.phase).toBe(0);
        expect(held.reason).toMatch(/promote or abort/);
        const more = simulate(plan, [...inputs, { dt: 5000, kind: "tick" }]);
        expect(more.status).toBe("holding");
        const promoted = simulate(plan, [...inputs, { dt: 0, kind: "promote" }]);
        expect(promoted.phase).toBe(1);
        expect(promoted.status).toBe("progressing");
      }),
    );
  });

  it("a critical gate fails the phase at its first failure", () => {
    fc.assert(
      fc.property(policyArb({ critical: true, failureLimit: 3 }), (policy) => {
        const state = simulate(planOf(policy, 10_000), [{ dt: 10, kind: "gate", outcome: "fail" }]);
        expect(state.status).toBe("rolled-back");
        expect(state.readWeight).toBe(0);
      }),
    );
  });

  it("resets everything for a new revision", () => {
    fc.assert(
      fc.property(
        policyArb(),
        fc.array(inputArb(["pass", "fail", "no-data", "source-error"], true), { maxLength: 40 }),
        (policy, inputs) => {
          const plan = planOf(policy, 1000);
          const before = simulate(plan, inputs);
          const { state, actions } = step(plan, before, { type: "start", revision: "r2", at: 1e9 });
          expect(state.revision).toBe("r2");
          expect(state.phase).toBe(0);
          expect(state.status).toBe("progressing");
          expect(state.gates).toEqual({});
          expect(state.soakStartedAt).toBeNull();
          expect(state.breachAt).toBeNull();
          expect(actions).toEqual([{ kind: "set-weight", weight: 10, key: state.pending?.key, attempt: 1 }]);
          expect(state.pending?.key.startsWith("r2:")).toBe(true);
          // The same revision again changes nothing.
          expect(step(plan, before, { type: "start", revision: "r1", at: 1e9 }).state).toBe(before);
        },
      ),
    );
  });

  it("is done rolling back only when the weight read back is the safe one", () => {
    fc.assert(
      fc.property(
        policyArb(),
        fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), { minLength: 1, maxLength: 8 }),
        (policy, reads) => {
          const plan = planOf(policy, 1000);
          let state = simulate(plan, []);
          let result = step(plan, state, { type: "abort", by: "test", at: 5 });
          state = result.state;
          for (const read of reads) {
            const pending = state.pending;
            if (pending === null || pending.kind !== "set-weight") break;
            const event: RolloutEvent =
              read === null
                ? { type: "weight-unreadable", key: pending.key, error: "timeout", at: 9 }
                : { type: "weight-read", key: pending.key, weight: read, at: 9 };
            result = step(plan, state, event);
            // A duplicate of the same answer is ignored: no action is repeated.
            expect(step(plan, result.state, event).actions).toEqual([]);
            state = result.state;
            if (state.status === "rolled-back") {
              expect(read).toBe(0);
              expect(state.readWeight).toBe(0);
            } else expect(read === 0).toBe(false);
          }
          if (state.status !== "rolled-back") expect(["rolling-back"]).toContain(state.status);
        },
      ),
    );
  });
});

describe("the rollout machine, by example", () => {
  const gate: GatePolicy = {
    check: "errors",
    critical: false,
    intervalMs: 100,
    minSamples: 1,
    consecutivePasses: 1,
    failureLimit: 1,
    onNoData: "hold",
    onSourceError: { holdForMs: 1000, afterHold: "fail" },
  };
  const plan = planOf(gate, 1000);

  it("holds when the weight read back never matches, after its retries", () => {
    let { state } = step(plan, null, { type: "start", revision: "r1", at: 0 });
    const keys = new Set<string>();
    for (let i = 0; i < 5 && state.pending?.kind === "set-weight"; i++) {
      keys.add(state.pending.key);
      state = step(plan, state, { type: "weight-read", key: state.pending.key, weight: 0, at: i }).state;
    }
    expect(keys.size).toBe(plan.trafficRetries + 1);
    expect(state.status).toBe("holding");
    expect(state.reason).toMatch(/weight 10 was not read back after 3 tries/);
  });

  it("does not advance while paused, and does once resumed", () => {
    const passing: Input[] = [{ dt: 10, kind: "gate", outcome: "pass" }];
    let state = simulate(plan, passing);
    state = step(plan, state, { type: "pause", by: "ana", at: 20 }).state;
    state = step(plan, state, { type: "tick", at: 5000 }).state;
    expect([state.status, state.phase]).toEqual(["paused", 0]);
    // A failing gate still rolls back while paused.
    const failed = step(plan, state, {
      type: "gate",
      check: "errors",
      outcome: "fail",
      reason: "x",
      at: 5001,
    });
    expect(failed.state.status).toBe("rolling-back");
    state = step(plan, state, { type: "resume", by: "ana", at: 5002 }).state;
    const { state: next, actions } = step(plan, state, { type: "tick", at: 5003 });
    expect([next.status, next.phase, actions[0]?.kind]).toEqual(["progressing", 1, "set-weight"]);
  });
});
