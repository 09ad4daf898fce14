import { GonogoError } from "../core/errors.js";
import type { AuditContext, RolloutEventRecord, Store, StoredRollout } from "../store/index.js";

/**
 * The part of the driver's stored document (`rollout/driver.ts` DriverDocument) a summary shows,
 * written out here: pipeline/ sits below rollout/ and the server, which both call it.
 */
interface StoredMachine {
  machine: {
    revision: string;
    status: string;
    phase: number;
    wantedWeight: number;
    readWeight: number | null;
    reason: string | null;
    soakStartedAt: number | null;
    gates: Record<string, unknown>;
  };
}

/** What a person may ask of a running rollout; the process holding its lease applies it. */
export const PERSON_COMMANDS = ["promote", "pause", "resume", "abort"] as const;
export type PersonCommand = (typeof PERSON_COMMANDS)[number];

/**
 * The commands that change something in a rollout of `status`, as the machine applies them
 * (`rollout/machine.ts` onPerson): none once it finished or while it rolls back; resume only
 * when paused, pause only when not. The dashboard offers these; the API still records any.
 */
export function commandsFor(status: string): PersonCommand[] {
  switch (status) {
    case "progressing":
    case "holding":
      return ["promote", "pause", "abort"];
    case "paused":
      return ["promote", "resume", "abort"];
    default:
      return [];
  }
}

export interface RecordedCommand {
  rollout: StoredRollout;
  /** Whether a process holds the rollout's lease now, and so will apply the command. */
  driven: boolean;
}

/**
 * Records `command` on rollout `name`'s timeline with its `rollout-command` audit event, for the
 * process driving it (`gonogo rollout promote` and `POST /api/v1/rollouts/:name/promote` alike).
 * Not found (a GonogoError) when the store holds no such rollout.
 */
export async function recordRolloutCommand(
  store: Store,
  name: string,
  command: PersonCommand,
  who: { by: string; at: Date; context?: AuditContext; hint?: string },
): Promise<RecordedCommand> {
  const rollout = await store.getRollout(name);
  if (rollout === undefined)
    throw new GonogoError("not-found", `no rollout ${name} in ${store.location}`, who.hint ? [who.hint] : []);
  await store.appendRolloutEvent(
    name,
    { at: who.at.toISOString(), kind: "command", detail: { type: command, by: who.by } },
    { actor: who.by, action: "rollout-command", ...(who.context !== undefined && { context: who.context }) },
  );
  const driven =
    rollout.leaseOwner !== null &&
    rollout.leaseUntil !== null &&
    Date.parse(rollout.leaseUntil) > who.at.getTime();
  return { rollout, driven };
}

/** One rollback of a rollout: when it settled, and how long from the breach to the safe weight read back. */
export interface RollbackTime {
  at: string;
  breachToSafeMs: number;
  reason: unknown;
}

export function rollbacksOf(events: readonly RolloutEventRecord[]): RollbackTime[] {
  return events
    .filter((e) => e.kind === "rolled-back")
    .map((e) => ({ at: e.at, breachToSafeMs: Number(e.detail.breachToSafeMs), reason: e.detail.reason }));
}

/** Where a stored rollout stands, as `gonogo rollout status --json` and the API show it (`phase` by index). */
export function rolloutSummary(stored: StoredRollout) {
  const state = (stored.state as StoredMachine).machine;
  return {
    name: stored.name,
    revision: state.revision,
    status: state.status,
    phaseIndex: state.phase,
    wantedWeight: state.wantedWeight,
    readWeight: state.readWeight,
    reason: state.reason,
    soakStartedAt: state.soakStartedAt === null ? null : new Date(state.soakStartedAt).toISOString(),
    gates: state.gates,
    lease: { owner: stored.leaseOwner, until: stored.leaseUntil },
    updatedAt: stored.updatedAt,
  };
}
