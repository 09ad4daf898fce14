import { afterAll, describe, expect, it } from "vitest";
import { type FreshStore, STORE_BACKENDS } from "../../../test/support/store-backends.js";
import type { Store } from "../store.js";

const iso = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

describe.each(STORE_BACKENDS)("rollouts on $name", (backend) => {
  const opened: { fresh: FreshStore; store: Store }[] = [];
  const fresh = async () => {
    const f = await backend.create();
    const store = await f.open();
    opened.push({ fresh: f, store });
    return store;
  };
  afterAll(async () => {
    for (const { fresh: f, store } of opened) {
      await store.close();
      await f.drop();
    }
  });

  it("lets one owner hold a lease until it runs out or is released", async () => {
    const store = await fresh();
    expect(await store.acquireRolloutLease("web", "a", { now: iso(0), until: iso(10_000) })).toBe(true);
    expect(await store.acquireRolloutLease("web", "b", { now: iso(5_000), until: iso(15_000) })).toBe(false);
    expect(await store.acquireRolloutLease("web", "a", { now: iso(5_000), until: iso(15_000) })).toBe(true);
    expect(await store.acquireRolloutLease("web", "b", { now: iso(14_999), until: iso(20_000) })).toBe(false);
    expect(await store.acquireRolloutLease("web", "b", { now: iso(15_001), until: iso(20_000) })).toBe(true);
    await store.releaseRolloutLease("web", "a"); // not a's any more: changes nothing
    expect(await store.acquireRolloutLease("web", "a", { now: iso(16_000), until: iso(20_000) })).toBe(false);
    await store.releaseRolloutLease("web", "b");
    expect(await store.acquireRolloutLease("web", "a", { now: iso(16_000), until: iso(20_000) })).toBe(true);
  });

  it("saves state only under the lease, with its events, each action key once", async () => {
    const store = await fresh();
    expect(await store.getRollout("api")).toBeUndefined();
    await store.acquireRolloutLease("api", "a", { now: iso(0), until: iso(10_000) });
    expect(await store.getRollout("api")).toBeUndefined();
    const started = { at: iso(1), kind: "action-started", key: "r1:1", detail: { weight: 10 } };
    expect(
      await store.saveRollout("api", "a", {
        revision: "r1",
        state: { phase: 0 },
        at: iso(1),
        events: [started],
      }),
    ).toBe(true);
    expect(
      await store.saveRollout("api", "b", { revision: "r1", state: { phase: 9 }, at: iso(2), events: [] }),
    ).toBe(false);
    expect(
      await store.saveRollout("api", "a", {
        revision: "r1",
        state: { phase: 1 },
        at: iso(3),
        events: [started],
      }),
    ).toBe(true);
    await store.appendRolloutEvent("api", {
      at: iso(4),
      kind: "command",
      detail: { type: "pause", by: "ana" },
    });
    const rollout = await store.getRollout("api");
    expect(rollout).toMatchObject({ name: "api", revision: "r1", state: { phase: 1 }, leaseOwner: "a" });
    const events = await store.listRolloutEvents("api");
    expect(events.map((e) => [e.kind, e.key])).toEqual([
      ["action-started", "r1:1"],
      ["command", null],
    ]);
    expect(events[1]?.detail).toEqual({ type: "pause", by: "ana" });
    expect(await store.listRolloutEvents("api", { after: events[0]?.id, kind: "command" })).toHaveLength(1);
    expect((await store.listRollouts()).map((r) => r.name)).toEqual(["api"]);
  });
});
