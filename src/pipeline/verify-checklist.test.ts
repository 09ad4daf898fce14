import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { postgresAdmin, uniqueName } from "../../test/support/db-context.js";
import { type LocalServer, listenLocally } from "../../test/support/local-server.js";
import { migrateStore, openStore, type Store } from "../store/index.js";
import type { VerifyEvent } from "./events.js";
import { type VerifyContext, type VerifyInput, verifyChecklist } from "./verify-checklist.js";

const POSTGRES = "postgres://postgres@127.0.0.1:5432";
// Unique, so two copies of the suite can run side by side.
const DATABASE = uniqueName("gonogo_pipeline");

const bytes = (text: string) => new TextEncoder().encode(text);
const at = new Date("2026-03-01T12:00:00Z");

/** A service with a health route, a missing one and one that never answers (it records who asked). */
function startService(): Promise<LocalServer & { hanging: IncomingMessage[] }> {
  const hanging: IncomingMessage[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.url === "/hang") {
      hanging.push(request);
      return;
    }
    response.writeHead(request.url === "/missing" ? 404 : 200, { "content-type": "text/plain" });
    response.end("ok");
  });
  return listenLocally(server).then((local) => Object.assign(local, { hanging }));
}

/** Two checklists of different services, each with its own config, both pointing at `API_URL`. */
const orders: Pick<VerifyInput, "checklist" | "config"> = {
  checklist: {
    path: "orders/launch.md",
    bytes: bytes(
      "# Orders launch\n\n## Health\n- [ ] Health endpoint answers 200\n- [ ] Ready endpoint answers 200\n",
    ),
  },
  config: {
    path: "orders/gonogo.yml",
    bytes: bytes(
      [
        "version: 1",
        'targets: { api: { url: "${API_URL}" } }',
        "checks:",
        "  health: { item: Health endpoint answers 200, http: { target: api, path: /health }, expect: [status == 200] }",
        "  ready: { item: Ready endpoint answers 200, http: { target: api, path: /ready }, expect: [status == 200] }",
        "",
      ].join("\n"),
    ),
  },
};

const billing: Pick<VerifyInput, "checklist" | "config"> = {
  checklist: {
    path: "billing/launch.md",
    bytes: bytes(
      "# Billing launch\n\n## Checks\n- [x] Invoices endpoint answers 200\n- [ ] Status page answers\n- [ ] Runbook written\n",
    ),
  },
  config: {
    path: "billing/gonogo.yml",
    bytes: bytes(
      [
        "version: 1",
        'targets: { api: { url: "${API_URL}" } }',
        "checks:",
        "  invoices: { item: Invoices endpoint answers 200, http: { target: api, path: /missing }, expect: [status == 200] }",
        "  status-page: { item: Status page answers, http: { target: api, path: /status }, expect: [status == 200] }",
        "gates: { overall: 50% }",
        "",
      ].join("\n"),
    ),
  },
};

let service: Awaited<ReturnType<typeof startService>>;
const stores: Store[] = [];

beforeAll(async () => {
  service = await startService();
  await postgresAdmin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await postgresAdmin(`CREATE DATABASE ${DATABASE}`);
  // A shared database is migrated as its own step, as `gonogo migrate` does.
  await migrateStore({ store: `${POSTGRES}/${DATABASE}`, env: {} });
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const store of stores.splice(0)) await store.close();
});

afterAll(async () => {
  await service?.close();
  await postgresAdmin(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

async function open(location: string): Promise<Store> {
  const store = await openStore({ store: location, env: {} });
  stores.push(store);
  return store;
}

function context(
  store: Store | null,
  events: VerifyEvent[],
  more: Partial<VerifyContext> = {},
): VerifyContext {
  return { actor: "pipeline-test", store, now: () => at, onEvent: (event) => events.push(event), ...more };
}

const checkEvents = (events: VerifyEvent[]) =>
  events.flatMap((e) =>
    e.type === "check-started" || e.type === "check-finished" ? [`${e.type} ${e.checkId}`] : [],
  );

describe("verifyChecklist", () => {
  it("runs two checklists at once in one process, each recorded in its own store, without touching the process", async () => {
    const [sqlite, postgres] = await Promise.all([open(":memory:"), open(`${POSTGRES}/${DATABASE}`)]);
    const stderr = vi.spyOn(process.stderr, "write");
    const stdout = vi.spyOn(process.stdout, "write");
    const sigint = process.listenerCount("SIGINT");
    const sigterm = process.listenerCount("SIGTERM");
    const listenersWhileRunning: number[] = [];
    const ordersEvents: VerifyEvent[] = [];
    const billingEvents: VerifyEvent[] = [];
    const env = { API_URL: service.url };
    // The config's ${API_URL} comes from the input: the process's environment does not have it.
    expect(process.env.API_URL).toBeUndefined();

    const [a, b] = await Promise.all([
      verifyChecklist(
        { ...orders, env },
        context(sqlite, ordersEvents, {
          onEvent: (event) => {
            ordersEvents.push(event);
            if (event.type === "check-started") listenersWhileRunning.push(process.listenerCount("SIGINT"));
          },
        }),
      ),
      verifyChecklist({ ...billing, env }, context(postgres, billingEvents)),
    ]);

    expect(stderr).not.toHaveBeenCalled();
    expect(stdout).not.toHaveBeenCalled();
    expect(process.listenerCount("SIGINT")).toBe(sigint);
    expect(process.listenerCount("SIGTERM")).toBe(sigterm);
    expect(listenersWhileRunning).toEqual([sigint, sigint]);

    expect(a.report.verdict).toBe("GO");
    expect(a.complete).toBe(true);
    expect(a.report.items.map((i) => [i.text, i.status])).toEqual([
      ["Health endpoint answers 200", "pass"],
      ["Ready endpoint answers 200", "pass"],
    ]);
    expect(b.report.verdict).toBe("NO-GO");
    expect(b.report.items.map((i) => [i.text, i.status])).toEqual([
      ["Invoices endpoint answers 200", "fail"],
      ["Status page answers", "pass"],
      ["Runbook written", "open"],
    ]);

    for (const [outcome, store, events] of [
      [a, sqlite, ordersEvents],
      [b, postgres, billingEvents],
    ] as const) {
      expect(outcome.runId).not.toBeNull();
      const run = await store.getRun(outcome.runId as number);
      expect(run).toMatchObject({
        checklist: outcome.report.checklist.path,
        complete: true,
        verdict: outcome.report.verdict,
        runBy: "pipeline-test",
        startedAt: at.toISOString(),
        finishedAt: at.toISOString(),
      });
      expect(run?.report).toEqual(outcome.report);
      expect(run?.checks.map((c) => c.id).sort()).toEqual(
        outcome.report.items.flatMap((i) => i.checks.map((c) => c.id)).sort(),
      );
      const ids = outcome.report.items.flatMap((i) => i.checks.map((c) => c.id));
      expect(events[0]).toEqual({ type: "run-started", runId: outcome.runId, checkIds: ids });
      expect(checkEvents(events).sort()).toEqual(
        ids.flatMap((id) => [`check-finished ${id}`, `check-started ${id}`]).sort(),
      );
      expect(events.filter((e) => e.type === "checks-finished")).toEqual([
        { type: "checks-finished", interrupted: false },
      ]);
      expect(outcome.diagnostics).toEqual([
        { kind: "run-recorded", message: `run #${outcome.runId} recorded` },
      ]);
    }
    // Each run's events are its own: no check of one checklist shows up in the other's events.
    expect(checkEvents(ordersEvents).join()).not.toMatch(/invoices|status-page/);
    expect(checkEvents(billingEvents).join()).not.toMatch(/health|ready/);
  });

  it("reads an edited gonogo.yml afresh, and two services with the same bytes each see their own run", async () => {
    const env = { API_URL: service.url };
    const yml = (path: string) =>
      bytes(
        [
          "version: 1",
          'targets: { api: { url: "${API_URL}" } }',
          "checks:",
          `  health: { item: Health endpoint answers 200, http: { target: api, path: ${path} }, expect: [status == 200] }`,
          "",
        ].join("\n"),
      );
    const checklist = { path: "svc/launch.md", bytes: bytes("# Svc\n\n- [ ] Health endpoint answers 200\n") };
    const run = (path: string, config: Uint8Array, runEnv: Record<string, string> = env) =>
      verifyChecklist({ checklist, config: { path, bytes: config }, env: runEnv }, context(null, []));

    const before = await run("svc/gonogo.yml", yml("/health"));
    const edited = await run("svc/gonogo.yml", yml("/missing"));
    const again = await run("svc/gonogo.yml", yml("/health"));
    expect(before.report.verdict).toBe("GO");
    expect(edited.report.verdict).toBe("NO-GO");
    expect(JSON.stringify(edited.report)).toContain("/missing");
    expect(again.report.summary).toEqual(before.report.summary);
    // Same bytes under another path and another environment: that service's own URL.
    const other = await run("other/gonogo.yml", yml("/health"), { API_URL: "http://127.0.0.1:1" });
    expect(other.report.verdict).toBe("NO-GO");
    expect(JSON.stringify(other.report)).toContain("127.0.0.1:1/health");
  });

  it("stops on its signal while a check hangs: the partial report, complete false, recorded incomplete", async () => {
    const store = await open(":memory:");
    const events: VerifyEvent[] = [];
    const controller = new AbortController();
    const hangs = service.hanging.length;
    const outcome = await verifyChecklist(
      {
        checklist: {
          path: "hang/launch.md",
          bytes: bytes("# Hang\n\n- [ ] Health answers\n- [x] Slow report answers\n"),
        },
        config: {
          path: "hang/gonogo.yml",
          bytes: bytes(
            [
              "version: 1",
              "targets: { api: { url: '${API_URL}' } }",
              "checks:",
              "  health: { item: Health answers, http: { target: api, path: /health }, expect: [status == 200] }",
              "  slow: { item: Slow report answers, http: { target: api, path: /hang, timeout: 10m }, expect: [status == 200] }",
              "",
            ].join("\n"),
          ),
        },
        env: { API_URL: service.url },
      },
      context(store, events, {
        signal: controller.signal,
        onEvent: (event) => {
          events.push(event);
          // Abort once the hanging request has reached the server: the check is truly stuck.
          if (event.type === "check-started" && event.checkId === "slow") {
            const waitForRequest = () => {
              if (service.hanging.length > hangs) controller.abort();
              else setImmediate(waitForRequest);
            };
            waitForRequest();
          }
        },
      }),
    );
    expect(outcome.complete).toBe(false);
    expect(outcome.report.complete).toBe(false);
    expect(outcome.report.verdict).toBe("NO-GO");
    expect(outcome.report.gates?.find((g) => g.name === "run complete")).toMatchObject({
      ok: false,
      actual: "interrupted",
    });
    const byText = Object.fromEntries(outcome.report.items.map((i) => [i.text, i]));
    expect(byText["Health answers"]?.status).toBe("pass");
    expect(byText["Slow report answers"]?.status).toBe("error");
    expect(byText["Slow report answers"]?.checks[0]?.error).toBe(`GET ${service.url}/hang: aborted`);
    expect(events.filter((e) => e.type === "checks-finished")).toEqual([
      { type: "checks-finished", interrupted: true },
    ]);
    const run = await store.getRun(outcome.runId as number);
    expect(run?.complete).toBe(false);
    expect(run?.report?.complete).toBe(false);
    expect(outcome.diagnostics.at(-1)).toEqual({
      kind: "run-recorded",
      message: `run #${outcome.runId} recorded (incomplete)`,
    });
  });

  it("reports a load check's live figures as events, and none on stderr", async () => {
    const stderr = vi.spyOn(process.stderr, "write");
    const events: VerifyEvent[] = [];
    const outcome = await verifyChecklist(
      {
        checklist: { path: "load/launch.md", bytes: bytes("# Load\n\n- [ ] Holds 20 requests a second\n") },
        config: {
          path: "load/gonogo.yml",
          bytes: bytes(
            [
              "version: 1",
              "targets: { api: { url: '${API_URL}' } }",
              "checks:",
              "  steady:",
              "    item: Holds 20 requests a second",
              "    load: { target: api, path: /health, rate: 20, duration: 5s, warmup: 0s }",
              "    expect: [error_rate == 0]",
              "",
            ].join("\n"),
          ),
        },
        env: { API_URL: service.url },
      },
      context(null, events),
    );
    expect(stderr).not.toHaveBeenCalled();
    expect(outcome.runId).toBeNull();
    expect(outcome.report.items[0]?.status).toBe("pass");
    const progress = events.flatMap((e) => (e.type === "check-progress" ? [e] : []));
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((e) => e.checkId === "steady")).toBe(true);
    expect(progress.at(-1)?.progress).toEqual({ type: "done" });
    const first = progress[0]?.progress;
    expect(first?.type === "figures" && first.line).toMatch(
      /^load \d+s\/5s · \d+ req\/s · p95 \S+ms · \d+ errors$/,
    );
    // The live figures come between the check's start and its end.
    const index = (type: VerifyEvent["type"]) => events.findIndex((e) => e.type === type);
    expect(index("check-started")).toBeLessThan(index("check-progress"));
    expect(events.findLastIndex((e) => e.type === "check-progress")).toBeLessThan(index("check-finished"));
  });

  it("narrows a run to the checks of selected items: the rest are not run, the run is incomplete", async () => {
    const store = await open(":memory:");
    const events: VerifyEvent[] = [];
    const outcome = await verifyChecklist(
      { ...billing, env: { API_URL: service.url }, select: { sections: ["Checks"], tags: [] } },
      context(store, events),
    );
    expect(checkEvents(events).sort()).toEqual(
      ["invoices", "status-page"].flatMap((id) => [`check-finished ${id}`, `check-started ${id}`]).sort(),
    );
    const narrowed = await verifyChecklist(
      {
        checklist: {
          path: "tags/launch.md",
          bytes: bytes("# Tags\n\n- [ ] Health answers\n- [ ] Status page answers\n"),
        },
        config: {
          path: "tags/gonogo.yml",
          bytes: bytes(
            [
              "version: 1",
              "targets: { api: { url: '${API_URL}' } }",
              'tags: { "tier:1": [Health answers] }',
              "checks:",
              "  health: { item: Health answers, http: { target: api, path: /health }, expect: [status == 200] }",
              "  status-page: { item: Status page answers, http: { target: api, path: /status }, expect: [status == 200] }",
              "",
            ].join("\n"),
          ),
        },
        env: { API_URL: service.url },
        select: { tags: ["tier:1"] },
      },
      context(store, events),
    );
    expect(outcome.complete).toBe(false);
    expect(narrowed.complete).toBe(false);
    const statuses = Object.fromEntries(narrowed.report.items.map((i) => [i.text, i.status]));
    expect(statuses).toMatchObject({ "Status page answers": "error" });
    expect(narrowed.report.items[1]?.checks[0]?.error).toBe(
      'not run: only the checks of the items tagged "tier:1" ran',
    );
    expect(narrowed.report.gates?.find((g) => g.name === "run complete")).toMatchObject({
      ok: false,
      actual: "selection",
    });
    expect((await store.getRun(narrowed.runId as number))?.complete).toBe(false);
    await expect(
      verifyChecklist(
        { ...billing, env: { API_URL: service.url }, select: { tags: ["nope"] } },
        context(null, []),
      ),
    ).rejects.toThrow(/the selection names items that are not there/);
  });

  it("checks the documents and config before it opens the store, with target overrides validated like the file", async () => {
    let opened = 0;
    const opener = async () => {
      opened += 1;
      return null;
    };
    const problems = (details: string) => ({
      details: expect.arrayContaining([expect.stringContaining(details)]),
    });
    await expect(
      verifyChecklist(
        { ...orders, env: { API_URL: service.url }, targets: { web: { url: "http://127.0.0.1:1" } } },
        { actor: "t", store: opener },
      ),
    ).rejects.toMatchObject(problems('target "web" is overridden but not defined under targets: (api)'));
    await expect(
      verifyChecklist({ ...orders, env: {} }, { actor: "t", store: opener }),
    ).rejects.toMatchObject(problems("${API_URL} is not set"));
    expect(opened).toBe(0);
    // The file's ${API_URL} is unset, and the override supplies the URL instead.
    const overridden = await verifyChecklist(
      { ...orders, env: {}, targets: { api: { url: service.url } } },
      { actor: "t", store: opener },
    );
    expect(opened).toBe(1);
    expect(overridden.report.verdict).toBe("GO");
  });
});
