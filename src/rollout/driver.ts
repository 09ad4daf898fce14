import { setTimeout as sleep } from "node:timers/promises";
import type { LoadedConfig, RolloutConfig } from "../config/index.js";
import { GonogoError } from "../core/errors.js";
import { evaluateGatePolicy } from "../pipeline/evaluate-gate.js";
import { createRedactor } from "../redact/create-redactor.js";
import { describeEntry } from "../report/rollout-entry.js";
import type { NewRolloutEvent, Store } from "../store/index.js";
import { callAction, weightIn } from "./call-action.js";
import {
  isTerminal,
  type PendingAction,
  type RolloutEvent,
  type RolloutPlan,
  type RolloutState,
  rollbackMs,
  step,
} from "./machine.js";

/** What the store keeps for a rollout: the machine's state and what the driver needs to resume. */
export interface DriverDocument {
  machine: RolloutState;
  /** The id of the last person's command (promote, pause, resume, abort) applied. */
  commandsSeen: number;
  /** When each gate of the current soak was last evaluated (epoch ms), and for which soak. */
  evaluated: { soak: number | null; at: Record<string, number> };
}

export interface DriveOptions {
  store: Store;
  loaded: LoadedConfig;
  plan: RolloutPlan;
  revision: string;
  /** Who drives: unique per process (host, pid, a random part). */
  owner: string;
  leaseMs?: number;
  now?: () => number;
  signal: AbortSignal;
  env?: Readonly<Record<string, string | undefined>>;
  /** A line for the person watching, per timeline entry, once it is stored. */
  onNote?: (line: string) => void;
  /** `done`: drive until succeeded, rolled back or escalated (default); `settled`: until no action is pending. */
  until?: "done" | "settled";
  /** Release the lease when stopped (default true). A test sets false to play a killed process. */
  releaseOnStop?: boolean;
}

const MAX_WAIT_MS = 500;

/**
 * Drives one rollout: takes the lease, resumes the stored state (reconciling a pending action with
 * the weight read back, so nothing is done twice), evaluates the gates of the current soak at their
 * intervals, applies people's commands, and acts. The state that asks for an action is saved, with
 * an `action-started` event under the action's idempotency key, before the action is taken.
 */
export async function driveRollout(options: DriveOptions): Promise<RolloutState> {
  const driver = createDriver(options);
  await driver.takeLease();
  try {
    await driver.resume();
    while (!options.signal.aborted) {
      await driver.takeLease();
      await driver.applyCommands();
      const state = driver.state();
      if (isTerminal(state.status)) break;
      if ((options.until ?? "done") === "settled" && state.pending === null) break;
      await driver.evaluateDueGates();
      await driver.apply({ type: "tick", at: driver.now() });
      await sleep(driver.waitMs(), undefined, { signal: options.signal }).catch(() => undefined);
    }
    return driver.state();
  } finally {
    if (options.releaseOnStop ?? true)
      await options.store.releaseRolloutLease(options.plan.name, options.owner);
  }
}

function createDriver(options: DriveOptions) {
  const { store, plan, owner, signal } = options;
  const name = plan.name;
  const rollout = options.loaded.config.rollout as RolloutConfig;
  const redact = createRedactor(options.loaded.secrets);
  const now = options.now ?? Date.now;
  const iso = (ms: number) => new Date(ms).toISOString();
  let doc: DriverDocument | null = null;
  let unsaved: NewRolloutEvent[] = [];
  const note = (at: number, kind: string, detail: Record<string, unknown>, key?: string) => {
    unsaved.push({ at: iso(at), kind, detail, ...(key !== undefined && { key }) });
  };

  async function save(at: number): Promise<void> {
    if (doc === null) return;
    const saved = await store.saveRollout(name, owner, {
      revision: doc.machine.revision,
      state: doc,
      at: iso(at),
      events: unsaved,
    });
    if (!saved)
      throw new GonogoError("conflict", `rollout ${name}: another process took the lease; this one stops`);
    // Told only once stored: what the person watching sees is what a restart resumes from.
    for (const entry of unsaved) options.onNote?.(describeEntry(entry.kind, entry.detail));
    unsaved = [];
  }

  async function apply(event: RolloutEvent): Promise<void> {
    const before = doc?.machine ?? null;
    const { state, actions, notes } = step(plan, before, event);
    if (state === before && unsaved.length === 0) return;
    for (const text of notes) note(event.at, "note", { text, event: event.type });
    if (before === null || before.phase !== state.phase || before.status !== state.status)
      note(event.at, "phase", {
        phase: plan.phases[state.phase]?.name ?? null,
        status: state.status,
        weight: state.wantedWeight,
        reason: state.reason,
      });
    const ms = before?.status !== "rolled-back" && state.status === "rolled-back" ? rollbackMs(state) : null;
    if (ms !== null)
      note(event.at, "rolled-back", { breachToSafeMs: ms, reason: state.reason, weight: state.readWeight });
    doc = {
      machine: state,
      commandsSeen: doc?.commandsSeen ?? 0,
      evaluated: doc?.evaluated ?? { soak: null, at: {} },
    };
    // Saved before any action is taken: a process killed mid-action resumes from here.
    await save(event.at);
    for (const action of actions) await act(action);
  }

  async function recordedResult(action: PendingAction): Promise<RolloutEvent | null> {
    const done = await store.listRolloutEvents(name, { kind: "action-done" });
    const found = done.find((e) => e.key === action.key);
    if (found === undefined) return null;
    return resultEvent(action, found.detail, Date.parse(found.at));
  }

  async function act(action: PendingAction): Promise<void> {
    const recorded = await recordedResult(action);
    if (recorded !== null) return apply(recorded);
    note(now(), "action-started", { ...action }, action.key);
    await save(now());
    if (action.kind === "set-weight" && action.attempt > 1) {
      const backoff = doc?.machine.status === "rolling-back" ? rollout.rollback.backoff : 250;
      await sleep(backoff * 2 ** (action.attempt - 2), undefined, { signal }).catch(() => undefined);
    }
    const detail = await perform(action);
    const at = now();
    note(at, "action-done", detail, action.key);
    await apply(resultEvent(action, detail, at));
  }

  async function perform(action: PendingAction): Promise<Record<string, unknown>> {
    const call = { redact, signal, ...(options.env !== undefined && { env: options.env }) };
    if (action.kind === "escalate") {
      if (rollout.rollback.escalate === undefined)
        return { action, response: null, note: "no escalate action configured" };
      const response = await callAction(
        rollout.rollback.escalate,
        { weight: plan.safeWeight, reason: action.reason },
        call,
      );
      return { action, response };
    }
    const response = await callAction(rollout.traffic.set, { weight: action.weight }, call);
    const read = await readWeight();
    return { action, response, readBack: read.response, weight: read.weight, error: read.error };
  }

  async function readWeight(): Promise<{ response: unknown; weight: number | null; error: string | null }> {
    const read = rollout.traffic.read;
    const response = await callAction(
      read,
      { weight: 0 },
      { redact, signal, ...(options.env !== undefined && { env: options.env }) },
    );
    const weight = weightIn(response, "http" in read ? read.http.field : undefined);
    return typeof weight === "number"
      ? { response, weight, error: null }
      : { response, weight: null, error: weight.error };
  }

  /** On start: a new revision starts (or resets) the rollout; a pending action is reconciled, never blindly repeated. */
  async function resume(): Promise<void> {
    const stored = await store.getRollout(name);
    doc = (stored?.state as DriverDocument | undefined) ?? null;
    const at = now();
    if (doc === null || doc.machine.revision !== options.revision) {
      await apply({ type: "start", revision: options.revision, at });
      return;
    }
    note(at, "resumed", {
      owner,
      phase: plan.phases[doc.machine.phase]?.name ?? null,
      status: doc.machine.status,
      soakStartedAt: doc.machine.soakStartedAt === null ? null : iso(doc.machine.soakStartedAt),
    });
    await save(at);
    const pending = doc.machine.pending;
    if (pending === null) return;
    const recorded = await recordedResult(pending);
    if (recorded !== null) return apply(recorded);
    if (pending.kind === "set-weight") {
      const read = await readWeight();
      if (read.weight === pending.weight) {
        const detail = { action: pending, reconciled: true, readBack: read.response, weight: read.weight };
        note(now(), "action-done", detail, pending.key);
        return apply(resultEvent(pending, detail, now()));
      }
      note(now(), "note", {
        text: `read back weight ${read.weight ?? "?"}, wanted ${pending.weight}: setting it`,
      });
    }
    await act(pending);
  }

  async function applyCommands(): Promise<void> {
    if (doc === null) return;
    const commands = await store.listRolloutEvents(name, { kind: "command", after: doc.commandsSeen });
    for (const command of commands) {
      doc = { ...doc, commandsSeen: command.id };
      const type = command.detail.type as "promote" | "pause" | "resume" | "abort";
      await apply({ type, by: String(command.detail.by ?? "someone"), at: now() });
      if (unsaved.length > 0) await save(now());
    }
  }

  async function evaluateDueGates(): Promise<void> {
    const state = doc?.machine;
    const phase = state ? plan.phases[state.phase] : undefined;
    if (
      doc === null ||
      state === undefined ||
      phase === undefined ||
      state.pending !== null ||
      state.soakStartedAt === null
    )
      return;
    if (isTerminal(state.status) || state.status === "rolling-back") return;
    if (doc.evaluated.soak !== state.soakStartedAt)
      doc = { ...doc, evaluated: { soak: state.soakStartedAt, at: {} } };
    const evaluated = doc.evaluated.at;
    const due = phase.gates.filter((g) => now() - (evaluated[g.check] ?? 0) >= g.intervalMs);
    if (due.length === 0) return;
    const started = now();
    for (const gate of due) evaluated[gate.check] = started;
    const results = await Promise.all(
      due.map((gate) =>
        evaluateGatePolicy(options.loaded, gate, {
          signal,
          ...(options.env !== undefined && { env: options.env }),
        }),
      ),
    );
    for (const result of results) {
      const at = now();
      note(at, "gate", {
        check: result.check,
        outcome: result.outcome,
        reason: result.reason,
        observations: result.result.observations,
        durationMs: result.result.durationMs,
      });
      await apply({ type: "gate", check: result.check, outcome: result.outcome, reason: result.reason, at });
    }
  }

  function waitMs(): number {
    const state = doc?.machine;
    const phase = state ? plan.phases[state.phase] : undefined;
    if (state === undefined || phase === undefined || state.soakStartedAt === null) return 100;
    const t = now();
    const nextGate = Math.min(
      ...phase.gates.map((g) => (doc?.evaluated.at[g.check] ?? 0) + g.intervalMs - t),
      MAX_WAIT_MS,
    );
    const soakEnd = state.soakStartedAt + phase.soakMs - t;
    return Math.max(10, Math.min(nextGate, soakEnd > 0 ? soakEnd : MAX_WAIT_MS, MAX_WAIT_MS));
  }

  async function takeLease(): Promise<void> {
    const t = now();
    const ok = await store.acquireRolloutLease(name, owner, {
      now: iso(t),
      until: iso(t + (options.leaseMs ?? 30_000)),
    });
    if (ok) return;
    const held = await store.getRollout(name);
    throw new GonogoError(
      "conflict",
      `rollout ${name} is being driven by ${held?.leaseOwner ?? "another process"} (lease until ${held?.leaseUntil ?? "?"})`,
      ["wait for it, or send it a command: gonogo rollout promote|pause|resume|abort"],
    );
  }

  return {
    takeLease,
    resume,
    applyCommands,
    evaluateDueGates,
    apply,
    waitMs,
    now,
    state: () => doc?.machine as RolloutState,
  };
}

function resultEvent(action: PendingAction, detail: Record<string, unknown>, at: number): RolloutEvent {
  if (action.kind === "escalate") return { type: "escalated", key: action.key, at };
  const weight = detail.weight;
  return typeof weight === "number"
    ? { type: "weight-read", key: action.key, weight, at }
    : {
        type: "weight-unreadable",
        key: action.key,
        error: String(detail.error ?? "no weight read back"),
        at,
      };
}
