import { createHash } from "node:crypto";
import type { ItemStatus } from "../core/item-status.js";
import type { JsonCheckResult } from "../model/report.js";
import { compareStatus } from "./regressions.js";

/** A sign-off as recorded (`gonogo signoff`): the store's rows have this shape. */
export interface SignoffRecord {
  id: number;
  sectionId: string;
  sectionTitle: string;
  by: string;
  role: string;
  at: string;
  runId: number;
  statuses: Record<string, ItemStatus>;
  voidedAt: string | null;
  voidRunId: number | null;
  voidReason: string | null;
}

/** A sign-off as the report shows it; `reason` says why one is void. */
export interface SignoffState {
  id: number;
  section: string;
  sectionId: string;
  by: string;
  role: string;
  at: string;
  run: number;
  valid: boolean;
  reason: string;
}

interface SectionLike {
  id: string;
  parent: string | null;
}
interface ItemLike {
  id: string;
  text: string;
  section: string | null;
}

/** The ids of a section's items, its subsections' included. */
export function sectionItemIds(sections: SectionLike[], items: ItemLike[], sectionId: string): string[] {
  const inside = new Set([sectionId]);
  for (const s of sections) if (s.parent !== null && inside.has(s.parent)) inside.add(s.id);
  return items.filter((i) => i.section !== null && inside.has(i.section)).map((i) => i.id);
}

/**
 * What a sign-off approves: each item's status and evidence in one run, and its sha256. Durations
 * are left out of the hash: the same evidence measured again is the same evidence.
 */
export function sectionSnapshot(items: { id: string; status: ItemStatus; checks: JsonCheckResult[] }[]): {
  statuses: Record<string, ItemStatus>;
  hash: string;
} {
  const evidence = items.map((i) => ({
    id: i.id,
    status: i.status,
    checks: i.checks.map(({ durationMs: _, ...rest }) => rest),
  }));
  return {
    statuses: Object.fromEntries(items.map((i) => [i.id, i.status])),
    hash: createHash("sha256").update(JSON.stringify(evidence)).digest("hex"),
  };
}

/** Roles match whatever their case and surrounding spaces: "security lead" is "Security Lead". */
export const sameRole = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

const quoteList = (texts: string[]) => texts.map((t) => `"${t}"`).join(", ");

/**
 * Judges recorded sign-offs against this run. A sign-off approves its section as it stood: the
 * items it saw (the keys of `statuses`) and how ready each was. One already void stays void; one
 * whose section changed is void from this run on (`voids`, for the caller to record):
 *
 * - an item was added to the section since the sign-off, whatever its status: the approver never
 *   saw it, and judging whether its evidence is enough (a passing check may check too little) is
 *   what a sign-off is for;
 * - an item was removed (an edited item's text gives it a new id: removed, then added);
 * - an item it saw is less ready now than then (`compareStatus`).
 *
 * The stored `hash` is not recomputed here: it covers each check's measured values, which differ
 * from run to run without anything regressing; the item set it covers is the keys of `statuses`.
 * `judgeRegressions` is false for an interrupted run, whose missing checks are not evidence of
 * anything; a changed item set is still judged then, as it comes from the document, not the checks.
 */
export function judgeSignoffs(
  records: SignoffRecord[],
  sections: SectionLike[],
  items: ItemLike[],
  statuses: Map<string, ItemStatus>,
  runId: number | null,
  judgeRegressions = true,
): { states: SignoffState[]; voids: { id: number; reason: string }[] } {
  const voids: { id: number; reason: string }[] = [];
  const text = new Map(items.map((i) => [i.id, i.text]));
  const where = runId === null ? "this run" : `run #${runId}`;
  const states = records.map((r): SignoffState => {
    const base = {
      id: r.id,
      section: r.sectionTitle,
      sectionId: r.sectionId,
      by: r.by,
      role: r.role,
      at: r.at,
      run: r.runId,
    };
    if (r.voidedAt) return { ...base, valid: false, reason: r.voidReason ?? "void" };
    if (!sections.some((s) => s.id === r.sectionId))
      return { ...base, valid: false, reason: "the section is no longer in the checklist" };
    const now = sectionItemIds(sections, items, r.sectionId);
    const current = new Set(now);
    const added = now.filter((id) => !Object.hasOwn(r.statuses, id));
    const removed = Object.keys(r.statuses).filter((id) => !current.has(id));
    const regressed = judgeRegressions
      ? now.flatMap((id) => {
          const before = r.statuses[id];
          const after = statuses.get(id);
          return before && after && compareStatus(before, after) === "regressed"
            ? [`"${text.get(id) ?? id}" ${before} → ${after}`]
            : [];
        })
      : [];
    const why = [
      ...(added.length > 0
        ? [
            `${added.length === 1 ? "item" : "items"} added since the sign-off: ${quoteList(added.map((id) => text.get(id) ?? id))}`,
          ]
        : []),
      ...(removed.length > 0
        ? [`${removed.length === 1 ? "item" : "items"} removed since the sign-off: ${quoteList(removed)}`]
        : []),
      ...(regressed.length > 0
        ? [`regressed in ${where} since run #${r.runId}: ${regressed.join("; ")}`]
        : []),
    ];
    if (why.length === 0) return { ...base, valid: true, reason: `approves run #${r.runId}` };
    const reason = `void: ${why.join("; ")}`;
    voids.push({ id: r.id, reason });
    return { ...base, valid: false, reason };
  });
  return { states, voids };
}
