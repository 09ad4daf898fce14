import type { Attestation, Store, StoredWaiver } from "../store/index.js";
import type { NotifiedItem, NotifiedService } from "./notification.js";

export interface ExpiryChange {
  kind: "attestation-expiring" | "waiver-expiring";
  summary: string;
  verdict: null;
  items: NotifiedItem[];
}

/** The attestation that counts for each item: the latest given (an older one is superseded). */
function currentAttestations(all: Attestation[]): Attestation[] {
  const latest = new Map<string, Attestation>();
  for (const a of all) {
    const seen = latest.get(a.itemId);
    if (!seen || a.at > seen.at || (a.at === seen.at && a.id > seen.id)) latest.set(a.itemId, a);
  }
  return [...latest.values()];
}

/** A waiver holds through the end of its `until` day (UTC). */
function waiverEnd(waiver: StoredWaiver): string {
  return `${waiver.until}T23:59:59.999Z`;
}

/**
 * Attestations and waivers of the service that expire within `windowMs` from now and were not
 * notified yet (claimed as `expiring:<time>` in the store, so each expiry notifies once).
 */
export async function expiryChanges(
  store: Store,
  service: NotifiedService,
  now: Date,
  windowMs: number,
): Promise<ExpiryChange[]> {
  const from = now.toISOString();
  const until = new Date(now.getTime() + windowMs).toISOString();
  const within = (end: string | null): end is string => end !== null && end > from && end <= until;
  const claim = async (event: string, end: string) =>
    (await store.claimNotificationState({ checklist: service.key, event }, `expiring:${end}`, from)).changed;

  const attestations: NotifiedItem[] = [];
  for (const a of currentAttestations(await store.listAttestations(service.key))) {
    if (within(a.expiresAt) && (await claim(`attestation:${a.id}`, a.expiresAt)))
      attestations.push({ id: a.itemId, text: a.itemText, by: a.by, expiresAt: a.expiresAt });
  }
  const waivers: NotifiedItem[] = [];
  for (const w of await store.listWaivers(service.key)) {
    const end = waiverEnd(w);
    if (within(end) && (await claim(`waiver:${w.id}`, end)))
      waivers.push({ id: w.itemId, text: w.itemText, by: w.by, expiresAt: end, reason: w.reason });
  }
  const changes: ExpiryChange[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (attestations.length > 0)
    changes.push({
      kind: "attestation-expiring",
      summary: `${service.name}: ${plural(attestations.length, "attestation")} expiring soon`,
      verdict: null,
      items: attestations,
    });
  if (waivers.length > 0)
    changes.push({
      kind: "waiver-expiring",
      summary: `${service.name}: ${plural(waivers.length, "waiver")} expiring soon`,
      verdict: null,
      items: waivers,
    });
  return changes;
}
