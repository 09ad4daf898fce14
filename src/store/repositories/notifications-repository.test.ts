import { describe, expect, it } from "vitest";
import { STORE_BACKENDS, useFreshStore } from "../../../test/support/store-backends.js";

const AT = "2026-05-01T10:00:00.000Z";

// One suite for every backend (GONOGO_STORE_BACKENDS=sqlite,postgres picks some; default all).
for (const backend of STORE_BACKENDS) {
  describe(`notification records on ${backend.name}`, () => {
    const fresh = useFreshStore(backend);

    it("moves a watched state once: a first sighting, a change, then no change", async () => {
      const watched = { checklist: "svc/LAUNCH.md", event: "verdict" };
      expect(await fresh.store.claimNotificationState(watched, "GO", AT)).toEqual({
        changed: true,
        previous: null,
      });
      expect(await fresh.store.claimNotificationState(watched, "GO", AT)).toEqual({
        changed: false,
        previous: "GO",
      });
      expect(await fresh.store.claimNotificationState(watched, "NO-GO", AT)).toEqual({
        changed: true,
        previous: "GO",
      });
      expect(await fresh.store.claimNotificationState(watched, "NO-GO", AT)).toEqual({
        changed: false,
        previous: "NO-GO",
      });
      // Another checklist's state is its own.
      expect(
        await fresh.store.claimNotificationState({ ...watched, checklist: "other" }, "NO-GO", AT),
      ).toEqual({
        changed: true,
        previous: null,
      });
    });

    it("lets one of many concurrent claims of the same move win", async () => {
      const watched = { checklist: "race/LAUNCH.md", event: "verdict" };
      await fresh.store.claimNotificationState(watched, "GO", AT);
      // Several connections to a Postgres server (as several gonogo processes have); SQLite is one
      // process's file, and better-sqlite3 blocks the event loop on a lock, so it races on one store.
      const others = backend.name === "postgres" ? await Promise.all([fresh.open(), fresh.open()]) : [];
      try {
        const claims = await Promise.all(
          [fresh.store, ...others, fresh.store].map((s) => s.claimNotificationState(watched, "NO-GO", AT)),
        );
        expect(claims.filter((c) => c.changed)).toEqual([{ changed: true, previous: "GO" }]);
      } finally {
        await Promise.all(others.map((s) => s.close()));
      }
    });

    it("records a delivery and each attempt; lists newest first, by service and status, in pages", async () => {
      const add = (service: string) =>
        fresh.store.addDelivery({
          service,
          checklist: `${service}/LAUNCH.md`,
          channel: "hook",
          channelType: "webhook",
          kind: "verdict-changed",
          runId: null,
          summary: `${service}: GO → NO-GO`,
          body: '{"kind":"verdict-changed"}',
          createdAt: AT,
        });
      const first = await add("orders");
      expect(first).toMatchObject({ status: "pending", attempts: 0, lastError: null, deliveredAt: null });
      await fresh.store.recordDeliveryAttempt(
        { deliveryId: first.id, attempt: 1, at: AT, statusCode: 503, error: "HTTP 503", durationMs: 4.6 },
        "pending",
      );
      const later = "2026-05-01T10:00:01.000Z";
      await fresh.store.recordDeliveryAttempt(
        { deliveryId: first.id, attempt: 2, at: later, statusCode: 200, error: null, durationMs: 3 },
        "delivered",
      );
      const second = await add("search");
      const third = await add("orders");
      const [listed] = await fresh.store.listDeliveries({ service: "orders", status: "delivered" });
      expect(listed).toMatchObject({
        id: first.id,
        status: "delivered",
        attempts: 2,
        lastError: null,
        lastStatusCode: 200,
        updatedAt: later,
        deliveredAt: later,
        body: '{"kind":"verdict-changed"}',
      });
      expect(await fresh.store.listDeliveryAttempts(first.id)).toEqual([
        { deliveryId: first.id, attempt: 1, at: AT, statusCode: 503, error: "HTTP 503", durationMs: 5 },
        { deliveryId: first.id, attempt: 2, at: later, statusCode: 200, error: null, durationMs: 3 },
      ]);
      expect((await fresh.store.listDeliveries()).map((d) => d.id)).toEqual([third.id, second.id, first.id]);
      expect((await fresh.store.listDeliveries({ limit: 1, before: third.id })).map((d) => d.id)).toEqual([
        second.id,
      ]);
      expect((await fresh.store.listDeliveries({ status: "pending" })).map((d) => d.id)).toEqual([
        third.id,
        second.id,
      ]);
    });
  });
}
