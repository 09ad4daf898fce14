import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshStore, STORE_BACKENDS } from "../../test/support/store-backends.js";
import type { Store } from "./store.js";

// Browser sessions on every backend: found while live, gone once expired or deleted.
for (const backend of STORE_BACKENDS) {
  describe(`sessions on ${backend.name}`, () => {
    let fresh: FreshStore;
    let store: Store;
    beforeAll(async () => {
      fresh = await backend.create();
      store = await fresh.open();
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await fresh?.drop();
    });

    const session = (idHash: string, createdAt: string, expiresAt: string) => ({
      idHash,
      tokenPrefix: "ggo_0000abcd",
      createdAt,
      expiresAt,
    });

    it("finds a live session by its hash, not after it expires, not after it is deleted", async () => {
      await store.addSession(session("a".repeat(64), "2026-01-01T00:00:00.000Z", "2026-01-01T12:00:00.000Z"));
      await store.addSession(session("b".repeat(64), "2026-01-01T00:00:00.000Z", "2026-01-01T12:00:00.000Z"));
      expect(await store.findSession("a".repeat(64), "2026-01-01T11:59:59.000Z")).toEqual(
        session("a".repeat(64), "2026-01-01T00:00:00.000Z", "2026-01-01T12:00:00.000Z"),
      );
      expect(await store.findSession("a".repeat(64), "2026-01-01T12:00:00.000Z")).toBeUndefined();
      expect(await store.findSession("c".repeat(64), "2026-01-01T01:00:00.000Z")).toBeUndefined();
      await store.deleteSession("b".repeat(64));
      expect(await store.findSession("b".repeat(64), "2026-01-01T01:00:00.000Z")).toBeUndefined();
      await store.deleteSession("b".repeat(64));
    });

    it("drops expired sessions when a new one is added", async () => {
      await store.addSession(session("d".repeat(64), "2026-02-01T00:00:00.000Z", "2026-02-01T01:00:00.000Z"));
      await store.addSession(session("e".repeat(64), "2026-03-01T00:00:00.000Z", "2026-03-01T01:00:00.000Z"));
      // Asked as of before its expiry, the first is gone all the same: its row was deleted.
      expect(await store.findSession("d".repeat(64), "2026-02-01T00:30:00.000Z")).toBeUndefined();
      expect(await store.findSession("e".repeat(64), "2026-03-01T00:30:00.000Z")).toBeDefined();
    });
  });
}
