import type { RolloutView } from "../report/rollout-view.js";
import type { RolloutEventRecord, Store, StoredRollout } from "../store/index.js";
import { rollbacksOf, rolloutSummary } from "./rollout-command.js";

export type { RolloutView };

/** The current phase's name: the last phase change on the timeline says it (the stored state keeps an index). */
function phaseName(events: readonly RolloutEventRecord[]): string | null {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (event?.kind === "phase") return typeof event.detail.phase === "string" ? event.detail.phase : null;
  }
  return null;
}

/** A stored rollout and its timeline as the HTML report, the dashboard and the API show them. */
export function toRolloutView(stored: StoredRollout, events: readonly RolloutEventRecord[]): RolloutView {
  return {
    ...rolloutSummary(stored),
    phase: phaseName(events),
    rollbacks: rollbacksOf(events),
    timeline: events.map((e) => ({ at: e.at, kind: e.kind, key: e.key, detail: e.detail })),
  };
}

/** Rollout `name` from the store with its timeline; undefined when the store holds none (each caller words its own not-found). */
export async function loadRolloutView(store: Store, name: string): Promise<RolloutView | undefined> {
  const stored = await store.getRollout(name);
  if (stored === undefined) return undefined;
  return toRolloutView(stored, await store.listRolloutEvents(name));
}
