import type { Checklist, Section } from "../checklist/index.js";
import { GonogoError } from "../core/errors.js";
import type { ItemStatus } from "../core/item-status.js";
import { findSections } from "../engine/match-items.js";
import type { AuditContext, Signoff, Store } from "../store/index.js";
import { sectionItemIds, sectionSnapshot } from "../verdict/signoffs.js";

/**
 * The one section `name` names (its id or its title, as gonogo.yml's gates do): a not-found error
 * listing the sections when none does, a usage error when several do. `where` names the checklist.
 */
export function findSection(checklist: Checklist, name: string, where: string): Section {
  const [section, ...others] = findSections(checklist, name);
  if (!section) {
    const titles = checklist.sections.map((s) => `"${s.title}"`).join(", ");
    throw new GonogoError("not-found", `no section "${name}" in ${where}`, [
      `sections: ${titles || "(none)"}`,
    ]);
  }
  if (others.length > 0) {
    const ids = [section, ...others].map((s) => s.id).join(", ");
    throw new GonogoError("usage", `"${name}" names several sections (${ids}); use the section id`);
  }
  return section;
}

export interface SignoffRequest {
  /** The checklist's key in the store. */
  checklist: string;
  section: Pick<Section, "id" | "title">;
  by: string;
  role: string;
  at: Date;
  audit?: AuditContext;
}

/** A recorded sign-off, and what it approved: how many items of each status. */
export interface SignoffDone {
  signoff: Omit<Signoff, "voidedAt" | "voidRunId" | "voidReason">;
  tally: [status: ItemStatus, count: number][];
}

/**
 * Approves a section as it stood in the checklist's latest complete run, bound to the sha256 of
 * its items' statuses and evidence there; a later regression voids it. No complete run, or one
 * without the section, is a conflict (409, exit 2): there is nothing to approve yet.
 */
export async function signOffSection(store: Store, request: SignoffRequest): Promise<SignoffDone> {
  const { checklist: key, section } = request;
  const run = await store.latestCompleteRun(key);
  if (!run?.report)
    throw new GonogoError("conflict", `no complete run of ${key} to sign off: run gonogo verify first`);
  if (!run.report.sections.some((s) => s.id === section.id))
    throw new GonogoError(
      "conflict",
      `section "${section.title}" is not in run #${run.id}: run gonogo verify again`,
    );
  const ids = new Set(sectionItemIds(run.report.sections, run.report.items, section.id));
  const items = run.report.items.filter((i) => ids.has(i.id));
  const { statuses, hash } = sectionSnapshot(items);
  const signoff = {
    checklist: key,
    sectionId: section.id,
    sectionTitle: section.title,
    by: request.by,
    role: request.role,
    at: request.at.toISOString(),
    runId: run.id,
    hash,
    statuses,
  };
  const id = await store.addSignoff(signoff, request.audit);
  const counts = new Map<ItemStatus, number>();
  for (const item of items) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
  return { signoff: { id, ...signoff }, tally: [...counts] };
}
