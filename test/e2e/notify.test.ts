import { createHmac } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";
import { type LocalServer, listenLocally } from "../support/local-server.js";
import { type NotificationReceiver, startReceiver } from "../support/notification-receiver.js";
import { waitFor } from "../support/prometheus-server.js";
import { runCli } from "../support/run-cli.js";
import { createToken, type ServeProcess, startServe } from "../support/serve-process.js";

const SECRET = "test-shared-secret-4f9a1c";
const ROOT = new URL("../../", import.meta.url).pathname;

/** Three services whose /health the test flips; audit has a manual item to attest. */
function writeProject(
  target: string,
  good: string,
  flaky: string,
  slow: string,
): { dir: string; config: string; store: string } {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-notify-"));
  for (const name of ["orders", "billing", "audit", "slow"]) {
    mkdirSync(join(dir, name));
    const manual = name === "audit" ? "- [ ] Runbook reviewed\n" : "";
    writeFileSync(
      join(dir, name, "LAUNCH.md"),
      `# ${name} launch\n\n## Health\n- [ ] Health answers 200\n${manual}`,
    );
    writeFileSync(
      join(dir, name, "gonogo.yml"),
      [
        "version: 1",
        `targets: { api: { url: "${target}" } }`,
        "checks:",
        `  health: { item: Health answers 200, http: { target: api, path: /${name} }, expect: [status == 200] }`,
        ...(name === "audit" ? ["manual: [Runbook reviewed]"] : []),
        "",
      ].join("\n"),
    );
  }
  const config = join(dir, "gonogo-server.yml");
  writeFileSync(
    config,
    `services:
  - { name: orders, checklist: orders/LAUNCH.md, owner: payments }
  - { name: billing, checklist: billing/LAUNCH.md, notify: [flaky] }
  - { name: audit, checklist: audit/LAUNCH.md, notify: [expiry] }
  - { name: slow, checklist: slow/LAUNCH.md, notify: [held] }
notifications:
  public_url: https://gonogo.example.test/
  expiry_window: 2d
  expiry_check_every: "0s"
  timeout: 60s
  retry: { attempts: 4, backoff: 20ms, max_backoff: 100ms }
  channels:
    verdicts: { type: webhook, url: "${good}/verdicts", secret_env: GONOGO_TEST_HOOK_SECRET, events: [verdict-changed] }
    slack: { type: slack, url_env: GONOGO_TEST_SLACK_URL, events: [verdict-changed] }
    flaky: { type: webhook, url: "${flaky}/flaky", secret_env: GONOGO_TEST_HOOK_SECRET, events: [verdict-changed] }
    expiry: { type: webhook, url: "${good}/expiry", secret_env: GONOGO_TEST_HOOK_SECRET }
    held: { type: webhook, url: "${slow}/held", secret_env: GONOGO_TEST_HOOK_SECRET, events: [verdict-changed] }
  owners:
    payments: [verdicts, slack]
`,
  );
  return { dir, config, store: join(dir, "gonogo.db") };
}

interface WebhookBody {
  schemaVersion: number;
  id: string;
  kind: string;
  service: string;
  link: string;
  runId: number | null;
  verdict: { before: string | null; after: string | null } | null;
  items: { id: string; text: string; expiresAt?: string }[];
}

interface DeliveryRow {
  id: number;
  service: string;
  channel: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  lastStatusCode: number | null;
}

let target: LocalServer & { health: Record<string, number> };
let good: NotificationReceiver;
let flaky: NotificationReceiver;
/** Holds every request unanswered until the test releases it. */
let slow: LocalServer & { held: (() => void)[]; arrived: Promise<void> };
let serve: ServeProcess;
let project: ReturnType<typeof writeProject>;
let token: string;

beforeAll(async () => {
  const health: Record<string, number> = { orders: 200, billing: 200, audit: 200, slow: 200 };
  target = Object.assign(
    await listenLocally(
      createServer((request, response) => {
        response.writeHead(health[(request.url ?? "").slice(1)] ?? 404).end("ok");
      }),
    ),
    { health },
  );
  good = await startReceiver();
  // Fails twice, then answers 200: one delivery, three attempts.
  flaky = await startReceiver((_request, index) => (index < 2 ? 503 : 200));
  const held: (() => void)[] = [];
  let arrive = () => {};
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  slow = Object.assign(
    await listenLocally(
      createServer((request, response) => {
        request.resume();
        held.push(() => response.writeHead(200).end("ok"));
        arrive();
      }),
    ),
    { held, arrived },
  );
  project = writeProject(target.url, good.url, flaky.url, slow.url);
  token = await createToken(project.store, "ci", "runner");
  serve = await startServe(["--config", project.config, "--store", project.store], {
    env: { GONOGO_TEST_HOOK_SECRET: SECRET, GONOGO_TEST_SLACK_URL: `${good.url}/slack` },
  });
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  for (const release of slow?.held ?? []) release();
  await Promise.all([target?.close(), good?.close(), flaky?.close(), slow?.close()]);
});

/** POST a run of `service` with its /health answering `status`; the run's verdict. */
async function runWith(service: string, status: number): Promise<string> {
  target.health[service] = status;
  const response = await serve.fetchAs(token, `/api/v1/checklists/${service}/runs`, { method: "POST" });
  const body = (await response.json()) as { verdict: string };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.verdict;
}

async function deliveries(query = ""): Promise<DeliveryRow[]> {
  const response = await serve.fetchAs(token, `/api/v1/notifications${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: DeliveryRow[] }).items;
}

const bodyOf = (request: { body: string }) => JSON.parse(request.body) as WebhookBody;

describe("notifications from a gonogo serve process", () => {
  it("notifies a verdict that flaps GO / NO-GO / GO twice, not once per run, signed with the shared secret", async () => {
    const verdicts: string[] = [];
    for (const status of [200, 200, 500, 500, 200, 200]) verdicts.push(await runWith("orders", status));
    expect(verdicts).toEqual(["GO", "GO", "NO-GO", "NO-GO", "GO", "GO"]);
    // A last flip the test can wait for: runs of one service are looked at in order, so once its
    // notification is here, every earlier run's has been decided.
    expect(await runWith("orders", 500)).toBe("NO-GO");
    const received = await good.waitForCount(3, "/verdicts");
    expect(received.map((r) => bodyOf(r).verdict)).toEqual([
      { before: "GO", after: "NO-GO" },
      { before: "NO-GO", after: "GO" },
      { before: "GO", after: "NO-GO" },
    ]);
    for (const request of received) {
      const expected = `sha256=${createHmac("sha256", SECRET).update(request.body).digest("hex")}`;
      expect(request.headers["x-gonogo-signature"]).toBe(expected);
      expect(request.headers["x-gonogo-signature"]).not.toBe(
        `sha256=${createHmac("sha256", "another-secret").update(request.body).digest("hex")}`,
      );
      expect(Number(request.headers["x-gonogo-timestamp"])).toBeGreaterThan(1_700_000_000);
      expect(request.body).not.toContain(SECRET);
    }
    const first = bodyOf(received[0] as { body: string });
    expect(first).toMatchObject({
      schemaVersion: 1,
      kind: "verdict-changed",
      service: "orders",
      link: "https://gonogo.example.test/checklists/orders",
    });
    expect(first.items.map((i) => i.text)).toEqual(["Health answers 200"]);
    expect(new Set(received.map((r) => bodyOf(r).id)).size).toBe(3);
  });

  it("sends Slack its incoming-webhook shape: text and blocks linking the checklist page", async () => {
    const [slack] = await good.waitForCount(3, "/slack");
    const body = JSON.parse((slack as { body: string }).body) as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string }; elements?: unknown[] }[];
    };
    expect(body.text).toBe("orders: GO → NO-GO: https://gonogo.example.test/checklists/orders");
    expect(body.blocks[0]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: ":vertical_traffic_light: orders: GO → NO-GO\n<https://gonogo.example.test/checklists/orders|orders>",
      },
    });
    expect(body.blocks[1]?.text?.text).toBe("• Health answers 200");
    expect(body.blocks.at(-1)?.type).toBe("context");
    expect((slack as { headers: Record<string, unknown> }).headers["x-gonogo-signature"]).toBeUndefined();
  });

  it("records one delivery, delivered after three attempts, for a receiver that fails twice", async () => {
    expect(await runWith("billing", 200)).toBe("GO");
    expect(await runWith("billing", 500)).toBe("NO-GO");
    const received = await flaky.waitForCount(3, "/flaky");
    expect(new Set(received.map((r) => r.headers["x-gonogo-delivery"])).size).toBe(1);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    const rows = await waitFor("billing's delivery to settle", async () => {
      const listed = await deliveries("?service=billing");
      return listed.every((row) => row.status !== "pending") ? listed : undefined;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: "flaky",
      kind: "verdict-changed",
      status: "delivered",
      attempts: 3,
    });
    expect(rows[0]?.lastStatusCode).toBe(200);
    const store: Store = await openStore({ store: project.store, existing: true });
    try {
      const attempts = await store.listDeliveryAttempts(rows[0]?.id ?? 0);
      expect(attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
        [1, 503],
        [2, 503],
        [3, 200],
      ]);
      expect(attempts[0]?.error).toBe("HTTP 503: receiver down");
    } finally {
      await store.close();
    }
  });

  it("notifies an attestation expiring within the window once, however many runs see it", async () => {
    const attested = await runCli([
      "attest",
      join(project.dir, "audit", "LAUNCH.md"),
      "Runbook reviewed",
      "--by",
      "ops lead",
      "--expires",
      "1d",
      "--store",
      project.store,
    ]);
    expect(attested.code, attested.stderr).toBe(0);
    expect(await runWith("audit", 200)).toBe("GO");
    expect(await runWith("audit", 200)).toBe("GO");
    // The sentinel: a verdict change, looked at after the two runs' expiry checks.
    expect(await runWith("audit", 500)).toBe("NO-GO");
    // The sentinel run notifies its verdict change and its regressed item (this channel takes every kind).
    const received = await good.waitForCount(3, "/expiry");
    expect(received.map((r) => bodyOf(r).kind).sort()).toEqual([
      "attestation-expiring",
      "item-regressed",
      "verdict-changed",
    ]);
    expect(bodyOf(received[0] as { body: string }).kind).toBe("attestation-expiring");
    const expiring = bodyOf(received[0] as { body: string });
    expect(expiring.items).toHaveLength(1);
    expect(expiring.items[0]).toMatchObject({ text: "Runbook reviewed" });
    expect(Date.parse(expiring.items[0]?.expiresAt ?? "")).toBeGreaterThan(Date.now());
  });

  it("answers runs while a receiver holds a delivery unanswered: deliveries never delay a run", async () => {
    expect(await runWith("slow", 200)).toBe("GO");
    expect(await runWith("slow", 500)).toBe("NO-GO");
    await slow.arrived;
    // The receiver holds the request (60s timeout): runs of the same service still answer at once.
    expect(await runWith("slow", 200)).toBe("GO");
    expect(await runWith("slow", 200)).toBe("GO");
    const [pending] = await deliveries("?service=slow");
    expect(pending).toMatchObject({ status: "pending", attempts: 0 });
    for (const release of slow.held.splice(0)) release();
    await waitFor("the held delivery to be delivered", async () => {
      const rows = await deliveries("?service=slow&status=delivered");
      return rows.length > 0 ? rows : undefined;
    });
  });

  it("lists deliveries in the API, paginated, without URLs or secrets, and needs a token", async () => {
    expect((await serve.fetch("/api/v1/notifications")).status).toBe(401);
    const all = await deliveries("?limit=100");
    const page1 = await serve.fetchAs(token, "/api/v1/notifications?limit=2");
    const first = (await page1.json()) as { items: DeliveryRow[]; nextCursor: string };
    expect(first.items.map((d) => d.id)).toEqual(all.slice(0, 2).map((d) => d.id));
    const page2 = (await (
      await serve.fetchAs(token, `/api/v1/notifications?limit=2&cursor=${first.nextCursor}`)
    ).json()) as { items: DeliveryRow[] };
    expect(page2.items.map((d) => d.id)).toEqual(all.slice(2, 4).map((d) => d.id));
    const text = JSON.stringify(all);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(good.url);
    expect(serve.stderr()).not.toContain(SECRET);
  });
});

/** Metric names an expression uses, histogram series by the histogram's name. */
function metricNames(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/\bgonogo_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, "")),
  );
}

describe("deploy/: the Grafana dashboard and the alert rules", () => {
  it("name only metrics a real gonogo serve exposes on /metrics", async () => {
    const exposition = await (await serve.fetch("/metrics")).text();
    const exposed = new Set([...exposition.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const dashboard = readFileSync(join(ROOT, "deploy/grafana/gonogo-dashboard.json"), "utf8");
    const rules = readFileSync(join(ROOT, "deploy/prometheus/alerts.yml"), "utf8");
    const named = new Set([...metricNames(dashboard), ...metricNames(rules)]);
    expect(named.size).toBeGreaterThan(8);
    expect([...named].filter((name) => !exposed.has(name))).toEqual([]);
    // The readiness of a service that ran is there with its value, not only declared.
    expect(exposition).toMatch(/^gonogo_checklist_go\{checklist="orders"\} 0$/m);
    expect(exposition).toMatch(
      /^gonogo_check_duration_seconds_count\{probe="http",status="(pass|fail)"\} \d+$/m,
    );
    expect(exposition).toMatch(
      /^gonogo_notification_deliveries_total\{channel="flaky",status="delivered"\} 1$/m,
    );
  });
});
