import type { TimelineEvent } from "./rollout-series.js";

/**
 * A rollout as its HTML report and the dashboard show it: where it stands, each rollback's
 * breach-to-safe time, and its timeline oldest first. Built from the store by
 * `pipeline/rollout-view.ts`; nothing here reads the store.
 */
export interface RolloutView {
  name: string;
  revision: string;
  status: string;
  /** The current phase's name, from the last phase change on the timeline; null before the first. */
  phase: string | null;
  phaseIndex: number;
  wantedWeight: number;
  readWeight: number | null;
  reason: string | null;
  soakStartedAt: string | null;
  lease: { owner: string | null; until: string | null };
  updatedAt: string;
  rollbacks: { at: string; breachToSafeMs: number; reason: unknown }[];
  timeline: TimelineEvent[];
}

const TONES: Readonly<Record<string, "go" | "nogo">> = {
  succeeded: "go",
  "rolling-back": "nogo",
  "rolled-back": "nogo",
  escalated: "nogo",
};

/** A status's colour class (as a verdict's): green once succeeded, red while or after rolling back. */
export function statusTone(status: string): "go" | "nogo" | "none" {
  return TONES[status] ?? "none";
}

/** Who drives the rollout now: the lease's owner while the lease lasts, else nobody. */
export function leaseHolder(view: Pick<RolloutView, "lease">, now: Date): string | null {
  const { owner, until } = view.lease;
  return owner !== null && until !== null && Date.parse(until) > now.getTime() ? owner : null;
}
