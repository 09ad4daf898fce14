import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startReceiver } from "../../test/support/notification-receiver.js";
import { openStore, type Store } from "../store/index.js";
import type { NotifiedService } from "./notification.js";
import { createNotifier, type Notifier } from "./notifier.js";
import { NO_NOTIFICATIONS, type NotificationsConfig } from "./notify-config.js";
import { verifySignature } from "./sign-body.js";

const SERVICE: NotifiedService = { name: "orders", key: "orders/LAUNCH.md", owner: "payments", notify: [] };
const NOW = new Date("2026-05-01T10:00:00.000Z");
const DAY = 86_400_000;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function setUp(
  config: Partial<NotificationsConfig>,
  env: Record<string, string> = { SECRET: "s3cret" },
) {
  const receiver = await startReceiver();
  const store = await openStore({ store: join(mkdtempSync(join(tmpdir(), "gonogo-notify-")), "gonogo.db") });
  const notifier = createNotifier({
    store,
    services: [SERVICE],
    env,
    now: () => NOW,
    config: {
      ...NO_NOTIFICATIONS,
      retry: { attempts: 3, backoffMs: 5, maxBackoffMs: 20 },
      channels: [
        {
          name: "hook",
          type: "webhook",
          url: { value: `${receiver.url}/hook` },
          secretEnv: "SECRET",
          events: null,
        },
      ],
      owners: { payments: ["hook"] },
      ...config,
    },
  });
  cleanup.push(
    () => receiver.close(),
    () => store.close(),
    () => notifier.close(),
  );
  return { receiver, store, notifier };
}

async function attest(store: Store, item: string, expiresAt: string, at = "2026-04-01T00:00:00.000Z") {
  return store.addAttestation({
    checklist: SERVICE.key,
    itemId: item,
    itemText: `Item ${item}`,
    by: "ops lead",
    at,
    expiresAt,
    evidence: null,
    note: null,
  });
}

describe("the notifier", () => {
  it("finds expiries on its timer, each once, and only the current attestation of an item", async () => {
    const { receiver, store, notifier } = await setUp({ expiryWindowMs: 2 * DAY, expiryCheckEveryMs: 20 });
    await attest(store, "runbook", new Date(NOW.getTime() + DAY).toISOString());
    await attest(store, "far", new Date(NOW.getTime() + 30 * DAY).toISOString());
    await attest(store, "gone", new Date(NOW.getTime() - DAY).toISOString());
    // Superseded by a later attestation of the same item that lasts: not expiring.
    await attest(store, "renewed", new Date(NOW.getTime() + DAY).toISOString(), "2026-03-01T00:00:00.000Z");
    await attest(
      store,
      "renewed",
      new Date(NOW.getTime() + 60 * DAY).toISOString(),
      "2026-04-20T00:00:00.000Z",
    );
    await store.addWaiver({
      checklist: SERVICE.key,
      itemId: "k8s",
      itemText: "Item k8s",
      reason: "runs on VMs",
      by: "ops lead",
      at: "2026-04-01T00:00:00.000Z",
      until: "2026-05-02",
    });
    const [first, second] = await receiver.waitForCount(2, "/hook");
    // The timer keeps looking: a third check must not notify again. Wait for several checks to run.
    for (let i = 0; i < 5; i += 1) await notifier.checkExpiries();
    await notifier.idle();
    expect(receiver.received).toHaveLength(2);
    const bodies = [first, second].map((r) => JSON.parse(r?.body ?? "{}"));
    expect(bodies.map((b) => [b.kind, b.items.map((i: { id: string }) => i.id)]).sort()).toEqual([
      ["attestation-expiring", ["runbook"]],
      ["waiver-expiring", ["k8s"]],
    ]);
    expect(verifySignature("s3cret", first?.body ?? "", String(first?.headers["x-gonogo-signature"]))).toBe(
      true,
    );
    expect(verifySignature("other", first?.body ?? "", String(first?.headers["x-gonogo-signature"]))).toBe(
      false,
    );
  });

  it("records a delivery whose secret is not in the environment as failed, naming the variable, without retrying", async () => {
    const { receiver, store, notifier } = await setUp({ expiryWindowMs: 2 * DAY }, {});
    await attest(store, "runbook", new Date(NOW.getTime() + DAY).toISOString());
    await notifier.checkExpiries();
    await notifier.idle();
    const [delivery] = await store.listDeliveries();
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: null });
    expect(delivery?.lastError).toBe(
      'the environment variable SECRET (the signing secret of channel "hook") is not set on the server',
    );
    expect(receiver.received).toHaveLength(0);
  });

  it("gives up after the attempts configured on a receiver that keeps failing, and on a 4xx at once", async () => {
    const failing = await startReceiver((request) => (request.path === "/gone" ? 410 : 500));
    cleanup.push(() => failing.close());
    const { store, notifier } = await setUp(
      {
        expiryWindowMs: 2 * DAY,
        channels: [
          {
            name: "down",
            type: "webhook",
            url: { value: `${failing.url}/down` },
            secretEnv: "SECRET",
            events: null,
          },
          { name: "gone", type: "slack", url: { env: "GONE_URL" }, secretEnv: null, events: null },
        ],
        owners: { payments: ["down", "gone"] },
      },
      { SECRET: "s3cret", GONE_URL: `${failing.url}/gone` },
    );
    await attest(store, "runbook", new Date(NOW.getTime() + DAY).toISOString());
    await notifier.checkExpiries();
    await notifier.idle();
    const byChannel = Object.fromEntries((await store.listDeliveries()).map((d) => [d.channel, d]));
    expect(byChannel.down).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: 500 });
    expect(byChannel.gone).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 410 });
    expect(failing.received.filter((r) => r.path === "/down")).toHaveLength(3);
  });
});

describe("the notifier after a run", () => {
  const meta = {
    checklist: SERVICE.key,
    checklistSha256: "abc",
    configHash: null,
    gitCommit: null,
    runBy: "ci",
    startedAt: NOW.toISOString(),
  };
  const item = (status: "pass" | "fail") => ({ id: "sec-tls", text: "TLS valid", status });

  it("notifies the sign-offs a run voided and the items it regressed, once each, however often it is told", async () => {
    const { receiver, store, notifier } = await setUp({});
    const signed = await store.startRun(meta);
    const signoff = await store.addSignoff({
      checklist: SERVICE.key,
      sectionId: "security",
      sectionTitle: "Security",
      by: "Ana Diaz",
      role: "Security Lead",
      at: NOW.toISOString(),
      runId: signed,
      hash: "h",
      statuses: { "sec-tls": "pass" },
    });
    const regressing = await store.startRun(meta);
    await store.voidSignoff(signoff, {
      at: NOW.toISOString(),
      runId: regressing,
      reason: "voided: TLS valid regressed",
      actor: "ci",
    });
    const run = {
      runId: regressing,
      complete: true,
      report: { verdict: "NO-GO" as const, items: [] },
      regressions: { since: signed, items: [{ id: "sec-tls", before: item("pass"), after: item("fail") }] },
    };
    notifier.runRecorded(SERVICE, run);
    notifier.runRecorded(SERVICE, run);
    const received = await receiver.waitForCount(2, "/hook");
    await notifier.idle();
    expect(receiver.received).toHaveLength(2);
    const bodies = received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.kind).sort()).toEqual(["item-regressed", "signoff-voided"]);
    const voided = bodies.find((b) => b.kind === "signoff-voided");
    expect(voided.items).toEqual([
      {
        id: "security",
        text: "Security",
        by: "Ana Diaz (Security Lead)",
        reason: "voided: TLS valid regressed",
      },
    ]);
    const regressed = bodies.find((b) => b.kind === "item-regressed");
    expect(regressed.items).toEqual([{ id: "sec-tls", text: "TLS valid", before: "pass", after: "fail" }]);
    expect(regressed.summary).toBe("orders: 1 item regressed");
  });

  it("ignores an incomplete run: it says nothing of the verdict", async () => {
    const { store, notifier } = await setUp({});
    notifier.runRecorded(SERVICE, {
      runId: 1,
      complete: true,
      report: { verdict: "GO", items: [] },
      regressions: null,
    });
    notifier.runRecorded(SERVICE, {
      runId: 2,
      complete: false,
      report: { verdict: "NO-GO", items: [] },
      regressions: null,
    });
    await notifier.idle();
    expect(await store.listDeliveries()).toEqual([]);
    expect(
      await store.claimNotificationState(
        { checklist: SERVICE.key, event: "verdict" },
        "GO",
        NOW.toISOString(),
      ),
    ).toEqual({
      changed: false,
      previous: "GO",
    });
  });
});

describe("a notifier with no channels", () => {
  it("does nothing and records nothing", async () => {
    const { store, notifier }: { store: Store; notifier: Notifier } = await setUp({
      channels: [],
      owners: {},
    });
    await attest(store, "runbook", new Date(NOW.getTime() + DAY).toISOString());
    notifier.runRecorded(SERVICE, {
      runId: 1,
      complete: true,
      report: { verdict: "GO", items: [] },
      regressions: null,
    });
    await notifier.idle();
    expect(await store.listDeliveries()).toEqual([]);
  });
});
