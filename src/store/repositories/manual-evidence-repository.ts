import type { Kysely } from "kysely";
import type { Attestation, Store, StoredWaiver } from "../store.js";
import type { Database } from "../tables.js";
import type { AuditRepository } from "./audit-repository.js";

export type ManualEvidenceRepository = Pick<
  Store,
  "addAttestation" | "listAttestations" | "addWaiver" | "listWaivers"
>;

/** What a person vouches for: attestations and waivers, each recorded with its audit event. */
export function manualEvidenceRepository(
  db: Kysely<Database>,
  audit: AuditRepository,
): ManualEvidenceRepository {
  return {
    async addAttestation(a, context = {}) {
      return audit.audited(
        {
          actor: a.by,
          action: "attest",
          subject: `${a.checklist}#${a.itemId}`,
          at: a.at,
          detail: {
            ...context,
            item: a.itemText,
            expiresAt: a.expiresAt,
            evidence: a.evidence,
            note: a.note,
          },
        },
        async (trx) => {
          const row = await trx
            .insertInto("attestations")
            .values({
              checklist: a.checklist,
              item_id: a.itemId,
              item_text: a.itemText,
              by: a.by,
              at: a.at,
              expires_at: a.expiresAt,
              evidence: a.evidence,
              note: a.note,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          return Number(row.id);
        },
      );
    },
    async listAttestations(checklist) {
      const rows = await db
        .selectFrom("attestations")
        .selectAll()
        .where("checklist", "=", checklist)
        .orderBy("id")
        .execute();
      return rows.map(
        (r): Attestation => ({
          id: Number(r.id),
          checklist: r.checklist,
          itemId: r.item_id,
          itemText: r.item_text,
          by: r.by,
          at: r.at,
          expiresAt: r.expires_at,
          evidence: r.evidence,
          note: r.note,
        }),
      );
    },
    async addWaiver(w, context = {}) {
      return audit.audited(
        {
          actor: w.by,
          action: "waive",
          subject: `${w.checklist}#${w.itemId}`,
          at: w.at,
          detail: { ...context, item: w.itemText, reason: w.reason, until: w.until },
        },
        async (trx) => {
          const row = await trx
            .insertInto("waivers")
            .values({
              checklist: w.checklist,
              item_id: w.itemId,
              item_text: w.itemText,
              reason: w.reason,
              by: w.by,
              at: w.at,
              until: w.until,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          return Number(row.id);
        },
      );
    },
    async listWaivers(checklist) {
      const rows = await db
        .selectFrom("waivers")
        .selectAll()
        .where("checklist", "=", checklist)
        .orderBy("id")
        .execute();
      return rows.map(
        (r): StoredWaiver => ({
          id: Number(r.id),
          checklist: r.checklist,
          itemId: r.item_id,
          itemText: r.item_text,
          reason: r.reason,
          by: r.by,
          at: r.at,
          until: r.until,
        }),
      );
    },
  };
}
