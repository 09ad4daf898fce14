import type { CheckResult } from "../core/check-result.js";
import type { ItemStatus } from "../core/item-status.js";

/** An attestation as recorded (`gonogo attest`): the store's rows have this shape. */
export interface AttestationRecord {
  itemId: string;
  itemText: string;
  by: string;
  at: string;
  expiresAt: string | null;
  evidence: string | null;
  note: string | null;
}

/** A waiver recorded with `gonogo waive` (gonogo.yml's own waivers are bound in the plan). */
export interface WaiverRecord {
  itemId: string;
  reason: string;
  by: string;
  until: string;
}

/** What the report says of an attestation: `valid` false once expired, with the reason. */
export interface AttestationState extends AttestationRecord {
  valid: boolean;
  reason: string;
}

export function waiverExpired(until: string, now: Date): boolean {
  return Date.parse(`${until}T23:59:59.999Z`) < now.getTime();
}

/**
 * Folds recorded attestations and waivers into the items' own statuses. The latest attestation
 * of an item counts; an item a check measures keeps its evidence; an expired one counts for
 * nothing (the item falls back to its tick) and the report says it expired.
 */
export function applyManualEvidence(
  own: Map<string, ItemStatus>,
  checks: Map<string, CheckResult[]>,
  itemIds: Set<string>,
  records: { attestations: AttestationRecord[]; waivers: WaiverRecord[] },
  now: Date = new Date(),
): { own: Map<string, ItemStatus>; attestations: AttestationState[] } {
  const out = new Map(own);
  const latest = new Map(records.attestations.map((a) => [a.itemId, a]));
  const attestations: AttestationState[] = [];
  for (const a of latest.values()) {
    const state = (valid: boolean, reason: string) => attestations.push({ ...a, valid, reason });
    if (!itemIds.has(a.itemId)) state(false, "the item is no longer in the checklist");
    else if (checks.has(a.itemId)) state(false, "the item is measured by a check: its evidence decides");
    else if (a.expiresAt !== null && Date.parse(a.expiresAt) <= now.getTime())
      state(false, `expired ${a.expiresAt}`);
    else {
      state(true, a.expiresAt ? `attested until ${a.expiresAt}` : "attested, no expiry");
      if (out.get(a.itemId) !== "waived") out.set(a.itemId, "attested");
    }
  }
  for (const w of records.waivers) {
    if (itemIds.has(w.itemId) && !waiverExpired(w.until, now)) out.set(w.itemId, "waived");
  }
  return { own: out, attestations };
}
