import type { Kysely, Selectable } from "kysely";
import type {
  DeliveryAttempt,
  DeliveryStatus,
  NotificationDelivery,
  NotificationKind,
  NotificationRecords,
} from "../notification-records.js";
import type { StoreBackend } from "../store.js";
import type { Database } from "../tables.js";

function toDelivery(row: Selectable<Database["notification_deliveries"]>): NotificationDelivery {
  return {
    id: Number(row.id),
    service: row.service,
    checklist: row.checklist,
    channel: row.channel,
    channelType: row.channel_type as NotificationDelivery["channelType"],
    kind: row.kind as NotificationKind,
    runId: row.run_id === null ? null : Number(row.run_id),
    summary: row.summary,
    body: row.body,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
  };
}

/**
 * The last notified state of what is watched (so a change notifies once, however many runs or
 * servers see it) and every delivery with each of its attempts.
 */
export function notificationsRepository(db: Kysely<Database>, backend: StoreBackend): NotificationRecords {
  return {
    async claimNotificationState({ checklist, event }, state, at) {
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto("notification_states")
          .values({ checklist, event, state, updated_at: at })
          .onConflict((oc) => oc.columns(["checklist", "event"]).doNothing())
          .returning("state")
          .executeTakeFirst();
        if (inserted) return { changed: true, previous: null };
        const query = trx
          .selectFrom("notification_states")
          .select("state")
          .where("checklist", "=", checklist)
          .where("event", "=", event);
        // Two servers seeing one change: the second waits for the first's row, then sees it moved.
        const row = await (backend === "postgres" ? query.forUpdate() : query).executeTakeFirstOrThrow();
        if (row.state === state) return { changed: false, previous: row.state };
        await trx
          .updateTable("notification_states")
          .set({ state, updated_at: at })
          .where("checklist", "=", checklist)
          .where("event", "=", event)
          .execute();
        return { changed: true, previous: row.state };
      });
    },
    async addDelivery(d) {
      const row = await db
        .insertInto("notification_deliveries")
        .values({
          service: d.service,
          checklist: d.checklist,
          channel: d.channel,
          channel_type: d.channelType,
          kind: d.kind,
          run_id: d.runId,
          summary: d.summary,
          body: d.body,
          status: "pending",
          attempts: 0,
          last_error: null,
          last_status_code: null,
          created_at: d.createdAt,
          updated_at: d.createdAt,
          delivered_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toDelivery(row);
    },
    async recordDeliveryAttempt(a, status) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("notification_attempts")
          .values({
            delivery_id: a.deliveryId,
            attempt: a.attempt,
            at: a.at,
            status_code: a.statusCode,
            error: a.error,
            duration_ms: Math.round(a.durationMs),
          })
          .execute();
        await trx
          .updateTable("notification_deliveries")
          .set({
            status,
            attempts: a.attempt,
            last_error: a.error,
            last_status_code: a.statusCode,
            updated_at: a.at,
            ...(status === "delivered" && { delivered_at: a.at }),
          })
          .where("id", "=", a.deliveryId)
          .execute();
      });
    },
    async listDeliveries(options = {}) {
      let query = db.selectFrom("notification_deliveries").selectAll().orderBy("id", "desc");
      if (options.service !== undefined) query = query.where("service", "=", options.service);
      if (options.status !== undefined) query = query.where("status", "=", options.status);
      if (options.before !== undefined) query = query.where("id", "<", options.before);
      if (options.limit !== undefined) query = query.limit(options.limit);
      return (await query.execute()).map(toDelivery);
    },
    async listDeliveryAttempts(deliveryId) {
      const rows = await db
        .selectFrom("notification_attempts")
        .selectAll()
        .where("delivery_id", "=", deliveryId)
        .orderBy("attempt")
        .execute();
      return rows.map(
        (r): DeliveryAttempt => ({
          deliveryId: Number(r.delivery_id),
          attempt: Number(r.attempt),
          at: r.at,
          statusCode: r.status_code === null ? null : Number(r.status_code),
          error: r.error,
          durationMs: Number(r.duration_ms),
        }),
      );
    },
  };
}
