import type { ItemStatus } from "../core/item-status.js";
import type { JsonItem } from "../report/json.js";
import type { Store } from "../store/index.js";
import type { NotifiedItem, NotifiedService } from "./notification.js";

/** A recorded run, as the notifier reads it (what `verifyChecklist` returns, with its run id). */
export interface RecordedRun {
  runId: number;
  complete: boolean;
  report: { verdict?: "GO" | "NO-GO" | undefined; items: JsonItem[] };
  /** Items that regressed since the previous complete run (the pipeline's `regressions`). */
  regressions: {
    since: number | null;
    items: {
      id: string;
      before: { text: string; status: ItemStatus };
      after: { text: string; status: ItemStatus };
    }[];
  } | null;
}

/** A change worth telling, before it is routed: the notification's kind, summary and items. */
export interface Change {
  kind: "verdict-changed" | "item-regressed" | "signoff-voided";
  summary: string;
  verdict: { before: string | null; after: string | null } | null;
  items: NotifiedItem[];
}

/** Items not ready because a check failed or could not run: what a NO-GO is about. */
function failingItems(items: JsonItem[]): NotifiedItem[] {
  return items
    .filter((item) => item.status === "fail" || item.status === "error")
    .map((item) => ({ id: item.id, text: item.text, after: item.status }));
}

/**
 * What changed with this complete run that nobody was told yet: each watched state is moved in
 * the store (`claimNotificationState`), and only the caller that moved it reports the change, so
 * a change notifies once however many runs or servers see it. A first verdict is a baseline, not
 * a change.
 */
export async function runChanges(
  store: Store,
  service: NotifiedService,
  run: RecordedRun,
  at: string,
): Promise<Change[]> {
  if (!run.complete) return [];
  const changes: Change[] = [];
  const claim = (event: string, state: string) =>
    store.claimNotificationState({ checklist: service.key, event }, state, at);

  const verdict = run.report.verdict;
  if (verdict) {
    const moved = await claim("verdict", verdict);
    if (moved.changed && moved.previous !== null)
      changes.push({
        kind: "verdict-changed",
        summary: `${service.name}: ${moved.previous} → ${verdict}`,
        verdict: { before: moved.previous, after: verdict },
        items: verdict === "NO-GO" ? failingItems(run.report.items) : [],
      });
  }

  const regressed: NotifiedItem[] = [];
  for (const change of run.regressions?.items ?? []) {
    // The transition is named by the run it is measured from: two runs seeing the same one claim the same state.
    const moved = await claim(`item:${change.id}`, `regressed-since:${run.regressions?.since ?? "none"}`);
    if (moved.changed)
      regressed.push({
        id: change.id,
        text: change.after.text,
        before: change.before.status,
        after: change.after.status,
      });
  }
  if (regressed.length > 0)
    changes.push({
      kind: "item-regressed",
      summary: `${service.name}: ${regressed.length} item${regressed.length === 1 ? "" : "s"} regressed`,
      verdict: verdict ? { before: null, after: verdict } : null,
      items: regressed,
    });

  const voided: NotifiedItem[] = [];
  for (const signoff of await store.listSignoffs(service.key)) {
    if (signoff.voidRunId !== run.runId) continue;
    const moved = await claim(`signoff:${signoff.id}`, "voided");
    if (moved.changed)
      voided.push({
        id: signoff.sectionId,
        text: signoff.sectionTitle,
        by: `${signoff.by} (${signoff.role})`,
        ...(signoff.voidReason !== null && { reason: signoff.voidReason }),
      });
  }
  if (voided.length > 0)
    changes.push({
      kind: "signoff-voided",
      summary: `${service.name}: ${voided.length} sign-off${voided.length === 1 ? "" : "s"} voided by run #${run.runId}`,
      verdict: verdict ? { before: null, after: verdict } : null,
      items: voided,
    });
  return changes;
}
