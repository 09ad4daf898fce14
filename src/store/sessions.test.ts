import { describe, expect, it } from "vitest";
import { STORE_BACKENDS, useFreshStore } from "../../test/support/store-backends.js";

// Browser sessions on every backend: found while live, gone once expired or deleted.
for (const backend of STORE_BACKENDS) {
  describe(`sessions on ${backend.name}`, () => {
    const fresh = useFreshStore(backend);

    const session = (idHash: string, createdAt: string, expiresAt: string) => ({
      idHash,
      tokenPrefix: "ggo_0000abcd",
      createdAt,
      expiresAt,
    });

    it("finds a live session by its hash, not after it expires, not after it is deleted", async () => {
      await fresh.store.addSession(
        session("a".repeat(64), "2026-01-01T00:00:00.000Z", "2026-01-01T12:00:00.000Z"),
      );
      await fresh.store.addSession(
        session("b".repeat(64), "2026-01-01T00:00:00.000Z", "2026-01-01T12:00:00.000Z"),
      );
      expect(await fresh.store.findSession("a".repeat(64), "2026-01-01T11:59:59.000Z")).toEqual(
        session("a".repeat(64), "2026-01-01T00:00:00.000Z", "2026-01-01T12:00:00.000Z"),
      );
      expect(await fresh.store.findSession("a".repeat(64), "2026-01-01T12:00:00.000Z")).toBeUndefined();
      expect(await fresh.store.findSession("c".repeat(64), "2026-01-01T01:00:00.000Z")).toBeUndefined();
      await fresh.store.deleteSession("b".repeat(64));
      expect(await fresh.store.findSession("b".repeat(64), "2026-01-01T01:00:00.000Z")).toBeUndefined();
      await fresh.store.deleteSession("b".repeat(64));
    });

    it("drops expired sessions when a new one is added", async () => {
      await fresh.store.addSession(
        session("d".repeat(64), "2026-02-01T00:00:00.000Z", "2026-02-01T01:00:00.000Z"),
      );
      await fresh.store.addSession(
        session("e".repeat(64), "2026-03-01T00:00:00.000Z", "2026-03-01T01:00:00.000Z"),
      );
      // Asked as of before its expiry, the first is gone all the same: its row was deleted.
      expect(await fresh.store.findSession("d".repeat(64), "2026-02-01T00:30:00.000Z")).toBeUndefined();
      expect(await fresh.store.findSession("e".repeat(64), "2026-03-01T00:30:00.000Z")).toBeDefined();
    });
  });
}
