import type { Kysely, Transaction } from "kysely";
import type { AuditAction, AuditEvent, Store } from "../store.js";
import type { Database } from "../tables.js";

type Executor = Kysely<Database> | Transaction<Database>;

/** Appends one event to the log, through `db` or the transaction of the change it records. */
export async function appendAudit(db: Executor, event: Omit<AuditEvent, "seq">): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({ ...event, detail: JSON.stringify(event.detail) })
    .execute();
}

/** What a recording method tells the log about its change: who vouches, what, about which subject. */
export interface AuditedChange {
  actor: string;
  action: AuditAction;
  subject: string;
  at: string;
  detail: Record<string, unknown>;
}

export interface AuditRepository extends Pick<Store, "listAudit"> {
  /**
   * Runs `write` and appends its event in one transaction: a change that counts (attest, waive,
   * sign off, void) is never stored without its event, nor the event without the change.
   */
  audited<T>(
    change: AuditedChange | ((out: T) => AuditedChange),
    write: (trx: Transaction<Database>) => Promise<T>,
  ): Promise<T>;
}

/** `actor` is who opened the store (the OS user, or GONOGO_USER): every event records it as `ranBy`. */
export function auditRepository(db: Kysely<Database>, actor: string): AuditRepository {
  return {
    async audited(change, write) {
      const trx = await db.startTransaction().execute();
      try {
        const out = await write(trx);
        // A change whose subject is only known once written (a new run's id) describes itself from it.
        const event = typeof change === "function" ? change(out) : change;
        // `--by` names who vouches; `ranBy` who ran the command, which `--by` cannot fake.
        await appendAudit(trx, { ...event, detail: { ...event.detail, ranBy: actor } });
        await trx.commit().execute();
        return out;
      } catch (error) {
        // SQLite undoes a write the disk refused by itself; its ROLLBACK then fails ("no transaction
        // is active") and must not hide why the write failed.
        await trx
          .rollback()
          .execute()
          .catch(() => undefined);
        throw error;
      }
    },
    async listAudit() {
      const rows = await db.selectFrom("audit_events").selectAll().orderBy("seq").execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        at: r.at,
        actor: r.actor,
        action: r.action as AuditAction,
        subject: r.subject,
        detail: JSON.parse(r.detail),
      }));
    },
  };
}
