import type { Kysely, Selectable } from "kysely";
import type { Signoff, Store } from "../store.js";
import type { Database } from "../tables.js";
import type { AuditRepository } from "./audit-repository.js";

export type SignoffsRepository = Pick<Store, "addSignoff" | "listSignoffs" | "voidSignoff">;

function toSignoff(row: Selectable<Database["signoffs"]>): Signoff {
  return {
    id: Number(row.id),
    checklist: row.checklist,
    sectionId: row.section_id,
    sectionTitle: row.section_title,
    by: row.by,
    role: row.role,
    at: row.at,
    runId: Number(row.run_id),
    hash: row.hash,
    statuses: JSON.parse(row.statuses),
    voidedAt: row.voided_at,
    voidRunId: row.void_run_id === null ? null : Number(row.void_run_id),
    voidReason: row.void_reason,
  };
}

/** Sign-offs of sections as they stood in a run, and their voiding, each with its audit event. */
export function signoffsRepository(db: Kysely<Database>, audit: AuditRepository): SignoffsRepository {
  return {
    async addSignoff(s, context = {}) {
      return audit.audited(
        {
          actor: s.by,
          action: "signoff",
          subject: `${s.checklist}#${s.sectionId}`,
          at: s.at,
          detail: { ...context, section: s.sectionTitle, role: s.role, run: s.runId, hash: s.hash },
        },
        async (trx) => {
          const row = await trx
            .insertInto("signoffs")
            .values({
              checklist: s.checklist,
              section_id: s.sectionId,
              section_title: s.sectionTitle,
              by: s.by,
              role: s.role,
              at: s.at,
              run_id: s.runId,
              hash: s.hash,
              statuses: JSON.stringify(s.statuses),
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          return Number(row.id);
        },
      );
    },
    async listSignoffs(checklist) {
      const rows = await db
        .selectFrom("signoffs")
        .selectAll()
        .where("checklist", "=", checklist)
        .orderBy("id")
        .execute();
      return rows.map(toSignoff);
    },
    async voidSignoff(id, voided) {
      const row = await db.selectFrom("signoffs").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row || row.voided_at !== null) return;
      await audit.audited(
        {
          actor: voided.actor,
          action: "signoff-void",
          subject: `${row.checklist}#${row.section_id}`,
          at: voided.at,
          detail: { signoff: id, by: row.by, role: row.role, run: voided.runId, reason: voided.reason },
        },
        (trx) =>
          trx
            .updateTable("signoffs")
            .set({ voided_at: voided.at, void_run_id: voided.runId, void_reason: voided.reason })
            .where("id", "=", id)
            .where("voided_at", "is", null)
            .execute(),
      );
    },
  };
}
