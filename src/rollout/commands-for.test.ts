import { describe, expect, it } from "vitest";
import { commandsFor, PERSON_COMMANDS } from "../pipeline/rollout-command.js";
import { type RolloutPlan, type RolloutState, type RolloutStatus, step } from "./machine.js";

const plan: RolloutPlan = {
  name: "web",
  safeWeight: 0,
  trafficRetries: 2,
  rollbackRetries: 2,
  phases: [
    { name: "canary", weight: 10, soakMs: 1000, gates: [] },
    { name: "full", weight: 100, soakMs: 1000, gates: [] },
  ],
};

const STATUSES: RolloutStatus[] = [
  "progressing",
  "holding",
  "paused",
  "rolling-back",
  "rolled-back",
  "escalated",
  "succeeded",
];

function stateIn(status: RolloutStatus): RolloutState {
  return {
    revision: "r1",
    status,
    phase: 0,
    soakStartedAt: 1000,
    wantedWeight: status === "rolling-back" || status === "rolled-back" ? 0 : 10,
    readWeight: 10,
    // A rollback waits for its safe weight; any other status here has its weight in force.
    pending: status === "rolling-back" ? { kind: "set-weight", weight: 0, key: "r1:2", attempt: 1 } : null,
    gates: {},
    reason: null,
    breachAt: null,
    safeAt: null,
    setAttempts: 1,
    seq: 2,
  };
}

/**
 * The dashboard offers the commands `commandsFor` names (pipeline/, below this folder); the
 * machine decides what a command does. They must agree: every command offered changes the
 * rollout, and every command left out would be ignored, or (an abort mid-rollback) start over
 * what already runs.
 */
describe("commandsFor agrees with the machine", () => {
  for (const status of STATUSES)
    it(`${status}: offers exactly the commands that change it`, () => {
      const state = stateIn(status);
      const changes = PERSON_COMMANDS.filter((type) => {
        const next = step(plan, state, { type, by: "sam", at: 5000 });
        const ignored = next.notes.some((n) => n.includes("ignored"));
        const restartsRollback = status === "rolling-back" && type === "abort";
        return !ignored && !restartsRollback && JSON.stringify(next.state) !== JSON.stringify(state);
      });
      expect(commandsFor(status)).toEqual(changes);
    });
});
