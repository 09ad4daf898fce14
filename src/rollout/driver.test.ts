import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FlagService, startFlagService } from "../../test/support/flag-service.js";
import { type LocalServer, listenLocally } from "../../test/support/local-server.js";
import { waitFor } from "../../test/support/prometheus-server.js";
import { parseConfig } from "../config/index.js";
import { openStore, type Store } from "../store/index.js";
import { toRolloutPlan } from "../verdict/rollout-plan.js";
import { type DriveOptions, type DriverDocument, driveRollout } from "./driver.js";

/** An app whose health the test sets: the gate's check reads it. */
async function startApp(): Promise<LocalServer & { status: number }> {
  const app = { status: 200 };
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(app.status).end("ok");
  });
  return Object.assign(app, await listenLocally(server));
}

function configText(app: string, flags: string, soak = "600ms") {
  return `version: 1
checks:
  healthy:
    item: "Health endpoint returns 200"
    http: { url: "${app}/health" }
    expect: [ "status == 200" ]
rollout:
  name: web
  defaults: { interval: 100ms, minSamples: 2, consecutivePasses: 2 }
  phases:
    - { name: canary, weight: 10, soak: ${soak}, gates: [ { check: healthy, critical: true } ] }
    - { name: half, weight: 50, soak: ${soak}, gates: [ healthy ] }
    - { name: full, weight: 100, soak: 200ms, gates: [ healthy ] }
  traffic:
    set: { http: { method: PUT, url: "${flags}/api/flags/web", body: '{"percentage": {{weight}}}' } }
    read: { http: { method: GET, url: "${flags}/api/flags/web", field: percentage } }
  rollback: { retries: 2, backoff: 50ms }
`;
}

describe("driveRollout", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let flags: FlagService;
  let store: Store;
  beforeEach(async () => {
    app = await startApp();
    flags = await startFlagService();
    store = await openStore({ store: join(mkdtempSync(join(tmpdir(), "gonogo-rollout-")), "gonogo.db") });
  });
  afterEach(async () => {
    await store.close();
    await app.close();
    await flags.close();
  });

  const options = (owner: string, signal: AbortSignal, soak?: string): DriveOptions => {
    const loaded = parseConfig("/tmp/gonogo.yml", configText(app.url, flags.url, soak), { env: {} });
    const rollout = loaded.config.rollout;
    if (rollout === undefined) throw new Error("no rollout");
    return {
      store,
      loaded,
      plan: toRolloutPlan(rollout, "web"),
      revision: "r1",
      owner,
      leaseMs: 400,
      signal,
    };
  };

  it("advances through every phase while the gates hold, and the flag reads 100", async () => {
    const state = await driveRollout(options("a", AbortSignal.timeout(20_000)));
    expect(state.status).toBe("succeeded");
    expect(flags.percentage("web")).toBe(100);
    expect(flags.writes.map((w) => w.percentage)).toEqual([10, 50, 100]);
    const events = await store.listRolloutEvents("web");
    const gates = events.filter((e) => e.kind === "gate");
    expect(gates.length).toBeGreaterThanOrEqual(6);
    expect(gates.every((e) => e.detail.outcome === "pass")).toBe(true);
    // Every action was saved as started before it was done.
    for (const done of events.filter((e) => e.kind === "action-done")) {
      const started = events.find((e) => e.kind === "action-started" && e.key === done.key);
      expect(started?.id).toBeLessThan(done.id);
    }
  });

  it("rolls back when a critical gate fails, and is done only once the flag reads 0", async () => {
    const controller = new AbortController();
    const running = driveRollout(options("a", controller.signal, "30s"));
    await waitFor("the canary soak", async () => ((await soakOf(store))?.phase === 0 ? true : undefined));
    app.status = 500;
    const state = await running;
    expect(state.status).toBe("rolled-back");
    expect(flags.percentage("web")).toBe(0);
    const rolledBack = (await store.listRolloutEvents("web", { kind: "rolled-back" }))[0];
    expect(rolledBack?.detail.breachToSafeMs).toBeGreaterThanOrEqual(0);
    expect(rolledBack?.detail.breachToSafeMs).toBeLessThan(1000);
  });

  it("escalates when the safe weight is never read back", async () => {
    const running = driveRollout(options("a", AbortSignal.timeout(20_000), "30s"));
    await waitFor("the canary soak", async () => ((await soakOf(store))?.phase === 0 ? true : undefined));
    flags.stuck = true;
    app.status = 500;
    const state = await running;
    expect(state.status).toBe("escalated");
    expect(flags.percentage("web")).toBe(10);
    expect(flags.writes.filter((w) => w.percentage === 0)).toHaveLength(3); // 1 + 2 retries
  });

  it("never lets two processes drive one rollout", async () => {
    const controller = new AbortController();
    const first = driveRollout(options("a", controller.signal, "30s"));
    await waitFor("the canary soak", async () => ((await soakOf(store))?.phase === 0 ? true : undefined));
    await expect(driveRollout(options("b", new AbortController().signal))).rejects.toThrow(
      /being driven by a/,
    );
    controller.abort();
    await first;
  });

  it("resumes a killed process's soak from its start and repeats no action", async () => {
    const killed = new AbortController();
    const first = driveRollout({ ...options("a", killed.signal, "1500ms"), releaseOnStop: false });
    const soak = await waitFor("the half soak", async () => {
      const doc = await soakOf(store);
      return doc?.phase === 1 && doc.soakStartedAt !== null ? doc : undefined;
    });
    killed.abort();
    await first;
    expect(flags.writes.map((w) => w.percentage)).toEqual([10, 50]);
    // The lease of the killed process runs out before another may act.
    await expect(driveRollout(options("b", new AbortController().signal))).rejects.toThrow(
      /being driven by a/,
    );
    await new Promise((resolve) => setTimeout(resolve, 450));
    const resumedStates: number[] = [];
    const b = options("b", AbortSignal.timeout(20_000), "1500ms");
    const state = await driveRollout({
      ...b,
      onNote: () => {
        void soakOf(store).then((doc) => {
          if (doc?.phase === 1 && doc.soakStartedAt !== null) resumedStates.push(doc.soakStartedAt);
        });
      },
    });
    expect(state.status).toBe("succeeded");
    expect(resumedStates.length).toBeGreaterThan(0);
    expect(new Set(resumedStates)).toEqual(new Set([soak.soakStartedAt]));
    expect(flags.writes.map((w) => w.percentage)).toEqual([10, 50, 100]);
    const resumed = await store.listRolloutEvents("web", { kind: "resumed" });
    expect(resumed[0]?.detail).toMatchObject({ owner: "b", phase: "half" });
  });

  it("reconciles a pending action whose weight is already in force instead of repeating it", async () => {
    await driveRollout({ ...options("a", new AbortController().signal), until: "settled" });
    expect(flags.writes.map((w) => w.percentage)).toEqual([10]);
    // Played: the process saved "set 50" and was killed after the flag service took it, before it recorded the answer.
    await fetch(`${flags.url}/api/flags/web`, { method: "PUT", body: '{"percentage": 50}' });
    const stored = (await store.getRollout("web"))?.state as DriverDocument;
    const pending = { kind: "set-weight" as const, weight: 50, key: "r1:77", attempt: 1 };
    const doc = {
      ...stored,
      machine: { ...stored.machine, phase: 1, wantedWeight: 50, soakStartedAt: null, pending },
    };
    expect(
      await store.acquireRolloutLease("web", "x", {
        now: new Date().toISOString(),
        until: new Date(Date.now() + 60_000).toISOString(),
      }),
    ).toBe(true);
    await store.saveRollout("web", "x", {
      revision: "r1",
      state: doc,
      at: new Date().toISOString(),
      events: [],
    });
    await store.releaseRolloutLease("web", "x");
    const state = await driveRollout({ ...options("b", new AbortController().signal), until: "settled" });
    expect(state.phase).toBe(1);
    expect(state.soakStartedAt).not.toBeNull();
    expect(flags.writes.map((w) => w.percentage)).toEqual([10, 50]);
    const done = await store.listRolloutEvents("web", { kind: "action-done" });
    expect(done.find((e) => e.key === "r1:77")?.detail.reconciled).toBe(true);
  });
});

async function soakOf(store: Store) {
  const doc = (await store.getRollout("web"))?.state as DriverDocument | undefined;
  return doc?.machine;
}
