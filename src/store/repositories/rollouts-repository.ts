import type { Kysely, Transaction } from "kysely";
import type { NewRolloutEvent, RolloutEventRecord, Store, StoredRollout } from "../store.js";
import type { Database } from "../tables.js";
import type { AuditRepository } from "./audit-repository.js";

type RolloutMethods = Pick<
  Store,
  | "acquireRolloutLease"
  | "releaseRolloutLease"
  | "getRollout"
  | "listRollouts"
  | "saveRollout"
  | "appendRolloutEvent"
  | "listRolloutEvents"
>;

/**
 * Rollouts and their timelines. The lease is a compare-and-set on one row, so two processes never
 * act on one rollout; a save happens only while its writer holds the lease, in one transaction
 * with its events. An event's idempotency key (with its kind) is unique: recording it twice is a
 * no-op, so a restarted driver sees an action as done and does not repeat it.
 */
export function rolloutsRepository(db: Kysely<Database>, audit: AuditRepository): RolloutMethods {
  const toRollout = (row: Database["rollouts"]): StoredRollout => ({
    name: row.name,
    revision: row.revision,
    state: JSON.parse(row.state) as unknown,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    updatedAt: row.updated_at,
  });
  const insertEvent = async (
    executor: Kysely<Database> | Transaction<Database>,
    rollout: string,
    event: NewRolloutEvent,
  ) => {
    await executor
      .insertInto("rollout_events")
      .values({
        rollout,
        at: event.at,
        kind: event.kind,
        idempotency_key: event.key ?? null,
        detail: JSON.stringify(event.detail),
      })
      .onConflict((c) => c.columns(["rollout", "kind", "idempotency_key"]).doNothing())
      .execute();
  };
  return {
    async acquireRolloutLease(name, owner, lease) {
      await db
        .insertInto("rollouts")
        .values({
          name,
          revision: "",
          state: "null",
          lease_owner: null,
          lease_until: null,
          updated_at: lease.now,
        })
        .onConflict((c) => c.column("name").doNothing())
        .execute();
      const result = await db
        .updateTable("rollouts")
        .set({ lease_owner: owner, lease_until: lease.until })
        .where("name", "=", name)
        .where((eb) =>
          eb.or([
            eb("lease_owner", "is", null),
            eb("lease_owner", "=", owner),
            eb("lease_until", "is", null),
            eb("lease_until", "<", lease.now),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async releaseRolloutLease(name, owner) {
      await db
        .updateTable("rollouts")
        .set({ lease_owner: null, lease_until: null })
        .where("name", "=", name)
        .where("lease_owner", "=", owner)
        .execute();
    },
    async getRollout(name) {
      const row = await db.selectFrom("rollouts").selectAll().where("name", "=", name).executeTakeFirst();
      return row === undefined || row.state === "null" ? undefined : toRollout(row);
    },
    async listRollouts() {
      const rows = await db.selectFrom("rollouts").selectAll().orderBy("name").execute();
      return rows.filter((r) => r.state !== "null").map(toRollout);
    },
    async saveRollout(name, owner, save) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("rollouts")
          .set({ revision: save.revision, state: JSON.stringify(save.state), updated_at: save.at })
          .where("name", "=", name)
          .where("lease_owner", "=", owner)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        for (const event of save.events) await insertEvent(trx, name, event);
        return true;
      });
    },
    async appendRolloutEvent(name, event, audited) {
      if (audited === undefined) return insertEvent(db, name, event);
      await audit.audited(
        {
          actor: audited.actor,
          action: audited.action,
          subject: name,
          at: event.at,
          detail: { ...event.detail, ...audited.context },
        },
        (trx) => insertEvent(trx, name, event),
      );
    },
    async listRolloutEvents(name, options = {}) {
      let query = db.selectFrom("rollout_events").selectAll().where("rollout", "=", name);
      if (options.after !== undefined) query = query.where("id", ">", options.after);
      if (options.kind !== undefined) query = query.where("kind", "=", options.kind);
      const rows = await query.orderBy("id").execute();
      return rows.map(
        (r): RolloutEventRecord => ({
          id: Number(r.id),
          rollout: r.rollout,
          at: r.at,
          kind: r.kind,
          key: r.idempotency_key,
          detail: JSON.parse(r.detail) as Record<string, unknown>,
        }),
      );
    },
  };
}
