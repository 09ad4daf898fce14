import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../src/model/report.js";
import { postgresAdmin, uniqueName } from "../support/db-context.js";
import { type LocalServer, listenLocally } from "../support/local-server.js";
import { runCli } from "../support/run-cli.js";
import { createToken, type ServeProcess, startServe } from "../support/serve-process.js";

/** The 429 as /openapi.json describes it. */
interface RateLimitedDoc {
  headers?: Record<string, { schema?: unknown }>;
  content?: Record<string, { schema?: { properties?: { error?: { required?: string[] } } } }>;
}

const POSTGRES = "postgres://postgres@127.0.0.1:5432";

/** Databases this file made; each name is unique, so two copies of the suite can run side by side. */
const databases: string[] = [];

afterAll(async () => {
  for (const name of databases) await postgresAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

/** A fresh, empty database of this run's. */
async function freshDatabase(prefix: string): Promise<{ name: string; url: string }> {
  const name = uniqueName(prefix);
  databases.push(name);
  await postgresAdmin(`CREATE DATABASE ${name}`);
  return { name, url: `${POSTGRES}/${name}` };
}

/** A fresh database migrated by `gonogo migrate`, as a team would. */
async function migratedDatabase(prefix: string): Promise<{ name: string; url: string }> {
  const database = await freshDatabase(prefix);
  const migrated = await runCli(["migrate", "--store", database.url]);
  expect(migrated.code, migrated.stderr).toBe(0);
  return database;
}

const ORDERS_CHECKLIST = `# Orders launch

## Health
- [ ] Health endpoint answers 200
- [ ] Unit tests pass
- [ ] Instance metadata is not reachable
`;

const ORDERS_CONFIG = `version: 1
targets:
  api: { url: "\${ORDERS_URL}" }
  metadata: { url: "http://169.254.169.254" }
  repo: { path: "." }
checks:
  health: { item: Health endpoint answers 200, http: { target: api, path: /health }, expect: [status == 200] }
  tests: { item: Unit tests pass, command: { run: "true", cwd: repo }, expect: [exit_code == 0] }
  metadata:
    item: Instance metadata is not reachable
    http: { target: metadata, path: /latest/meta-data/, timeout: 3s }
    expect: [status == 200]
`;

const SEARCH_CHECKLIST = "# Search\n\n- [x] Index built\n";
const SEARCH_CONFIG = "version: 1\nchecks: {}\n";

/** Two services beside a gonogo-server.yml; orders checks a real local HTTP target. */
function writeServerProject(): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-serve-"));
  mkdirSync(join(dir, "orders"));
  mkdirSync(join(dir, "search"));
  writeFileSync(join(dir, "orders", "LAUNCH.md"), ORDERS_CHECKLIST);
  writeFileSync(join(dir, "orders", "gonogo.yml"), ORDERS_CONFIG);
  writeFileSync(join(dir, "search", "LAUNCH.md"), SEARCH_CHECKLIST);
  writeFileSync(join(dir, "search", "search.yml"), SEARCH_CONFIG);
  const config = join(dir, "gonogo-server.yml");
  writeFileSync(
    config,
    [
      "services:",
      "  - name: orders",
      "    checklist: orders/LAUNCH.md",
      "    owner: payments",
      "  - name: search",
      "    checklist: search/LAUNCH.md",
      "    config: search/search.yml",
      "    owner: discovery",
      "",
    ].join("\n"),
  );
  return { dir, config };
}

/** The orders service's API: /health answers `healthStatus`; every request is counted by path. */
async function startTarget(): Promise<LocalServer & { requests: string[]; setHealth(status: number): void }> {
  const requests: string[] = [];
  let health = 200;
  const local = await listenLocally(
    createServer((request, response) => {
      requests.push(request.url ?? "");
      response.writeHead(request.url === "/health" ? health : 404).end("ok");
    }),
  );
  return Object.assign(local, { requests, setHealth: (status: number) => (health = status) });
}

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

interface ErrorReply {
  error: { kind: string; message: string };
}

/** An error in the API's one shape, with no stack trace in it. */
async function expectError(response: Response, status: number, kind: string): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorReply;
  expect(body.error.kind).toBe(kind);
  expect(text).not.toMatch(/\bat .*\.(js|ts):\d+/);
  return body.error.message;
}

const BACKENDS = [
  { name: "sqlite", store: async (dir: string) => join(dir, "runs.db") },
  { name: "postgres", store: async () => (await migratedDatabase("gonogo_serve")).url },
];

for (const backend of BACKENDS) {
  describe(`gonogo serve on ${backend.name}`, () => {
    let server: ServeProcess;
    let target: Awaited<ReturnType<typeof startTarget>>;
    let project: { dir: string; config: string };
    let store: string;
    /** Tokens made with `gonogo token create` against the server's store before it starts. */
    let viewer: string;
    let runner: string;

    beforeAll(async () => {
      target = await startTarget();
      project = writeServerProject();
      store = await backend.store(project.dir);
      viewer = await createToken(store, "dashboard", "viewer");
      runner = await createToken(store, "ci", "runner");
      server = await startServe(["--config", project.config, "--store", store], {
        env: { ORDERS_URL: target.url },
      });
    }, 60_000);

    afterAll(async () => {
      await server?.stop();
      await target?.close();
    });

    it("is alive and ready, with security headers", async () => {
      const health = await server.fetch("/healthz");
      expect(health.status).toBe(200);
      expect(health.headers.get("x-content-type-options")).toBe("nosniff");
      expect(health.headers.get("content-security-policy")).toContain("default-src 'self'");
      const ready = await server.fetch("/readyz");
      expect(ready.status).toBe(200);
      expect(await json(ready)).toEqual({
        status: "ready",
        store: backend.name === "sqlite" ? "sqlite" : "postgres",
      });
    });

    it("lists the services, paginated by cursor or page, before any run", async () => {
      const all = await json<{
        items: { name: string; owner: string; latestRun: unknown }[];
        nextCursor: null;
      }>(await server.fetchAs(runner, "/api/v1/checklists"));
      expect(all.items.map((s) => [s.name, s.owner, s.latestRun])).toEqual([
        ["orders", "payments", null],
        ["search", "discovery", null],
      ]);
      expect(all.nextCursor).toBeNull();
      const first = await json<{ items: { name: string }[]; nextCursor: string }>(
        await server.fetchAs(runner, "/api/v1/checklists?limit=1"),
      );
      expect([first.items.map((s) => s.name), first.nextCursor]).toEqual([["orders"], "orders"]);
      const next = await json<{ items: { name: string }[]; nextCursor: null }>(
        await server.fetchAs(runner, `/api/v1/checklists?limit=1&cursor=${first.nextCursor}`),
      );
      expect([next.items.map((s) => s.name), next.nextCursor]).toEqual([["search"], null]);
      const page2 = await json<{ items: { name: string }[] }>(
        await server.fetchAs(runner, "/api/v1/checklists?limit=1&page=2"),
      );
      expect(page2.items.map((s) => s.name)).toEqual(["search"]);
    });

    it("answers 400 for bad query values and 404 for what is not there, in one error shape", async () => {
      for (const path of [
        "/api/v1/checklists?limit=0",
        "/api/v1/checklists?limit=abc",
        "/api/v1/checklists?limit=1000",
        "/api/v1/checklists?cursor=orders&page=1",
        "/api/v1/checklists?cursor=nobody",
        "/api/v1/checklists/orders/runs?cursor=x1",
        "/api/v1/runs/abc",
        "/api/v1/runs/1?format=pdf",
        "/api/v1/runs/1/diff/zero",
      ])
        await expectError(await server.fetchAs(runner, path), 400, "usage");
      expect(
        await expectError(await server.fetchAs(runner, "/api/v1/checklists/nope"), 404, "not-found"),
      ).toBe('no checklist named "nope" (served: orders, search)');
      await expectError(await server.fetchAs(runner, "/api/v1/checklists/nope/runs"), 404, "not-found");
      await expectError(
        await server.fetchAs(runner, "/api/v1/checklists/nope/runs", { method: "POST" }),
        404,
        "not-found",
      );
      expect(await expectError(await server.fetchAs(runner, "/api/v1/runs/987654"), 404, "not-found")).toBe(
        "run #987654 is not in the store",
      );
      expect(await expectError(await server.fetch("/no/such/route"), 404, "not-found")).toBe(
        "no route GET /no/such/route",
      );
    });

    it("refuses a body over the limit", async () => {
      const response = await server.fetchAs(runner, "/api/v1/checklists/orders/runs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ padding: "x".repeat(300 * 1024) }),
      });
      await expectError(response, 413, "usage");
      expect(target.requests).toEqual([]);
    });

    let firstRun: { runId: number; report: JsonReport };

    it("verifies a service on POST through the pipeline: the target is checked, commands and cloud metadata are refused", async () => {
      const response = await server.fetchAs(runner, "/api/v1/checklists/orders/runs", { method: "POST" });
      expect(response.status, await response.clone().text()).toBe(201);
      firstRun = await json(response);
      expect(response.headers.get("location")).toBe(`/api/v1/runs/${firstRun.runId}`);
      const checks = Object.fromEntries(firstRun.report.items.flatMap((i) => i.checks.map((c) => [c.id, c])));
      expect(checks.health).toMatchObject({ status: "pass" });
      // The real target saw the health check and nothing else.
      expect(target.requests).toEqual(["/health"]);
      expect(checks.tests).toMatchObject({
        status: "error",
        error: `not run: gonogo serve does not run command checks unless service "orders" sets allow_commands: true in ${project.config}`,
      });
      expect(checks.metadata?.status).toBe("error");
      expect(checks.metadata?.error).toContain("169.254.169.254: refused in server mode");
      expect(checks.metadata?.error).toContain("allow_link_local: true");
      // Refused before a packet left: nothing answers on 169.254/16 here, a connection would wait the 3s timeout.
      expect(checks.metadata?.durationMs).toBeLessThan(1000);
      expect(firstRun.report.verdict).toBe("NO-GO");
    });

    it("lists the recorded run, shows the checklist's items and evidence, and serves the report in every format", async () => {
      const list = await json<{ items: { name: string; latestRun: Record<string, unknown> | null }[] }>(
        await server.fetchAs(runner, "/api/v1/checklists"),
      );
      expect(list.items[0]?.latestRun).toMatchObject({
        id: firstRun.runId,
        verdict: "NO-GO",
        runBy: "token:ci",
        complete: true,
        verifiedPct: firstRun.report.summary.verifiedPct,
        claimedPct: firstRun.report.summary.claimedPct,
        failing: 2,
      });
      expect(list.items[1]?.latestRun).toBeNull();
      const detail = await json<{ items: JsonReport["items"]; sections: JsonReport["sections"] }>(
        await server.fetchAs(runner, "/api/v1/checklists/orders"),
      );
      expect(detail.sections.map((s) => s.title)).toEqual(["Orders launch", "Health"]);
      expect(detail.items.map((i) => [i.text, i.status])).toEqual([
        ["Health endpoint answers 200", "pass"],
        ["Unit tests pass", "error"],
        ["Instance metadata is not reachable", "error"],
      ]);
      expect(detail.items[0]?.checks[0]?.observations.status).toBe(200);
      const history = await json<{ items: { id: number }[] }>(
        await server.fetchAs(runner, "/api/v1/checklists/orders/runs"),
      );
      expect(history.items.map((r) => r.id)).toEqual([firstRun.runId]);

      const stored = await server.fetchAs(runner, `/api/v1/runs/${firstRun.runId}`);
      expect(await json(stored)).toEqual(JSON.parse(JSON.stringify(firstRun.report)));
      const types = {
        html: "text/html",
        markdown: "text/markdown",
        junit: "application/xml",
        text: "text/plain",
      };
      for (const [format, type] of Object.entries(types)) {
        const rendered = await server.fetchAs(runner, `/api/v1/runs/${firstRun.runId}?format=${format}`);
        expect(rendered.status).toBe(200);
        expect(rendered.headers.get("content-type")).toMatch(new RegExp(`^${type}`));
        // Every format shows an item that is not ready (text lists only those without --verbose).
        expect(await rendered.text()).toContain("Unit tests pass");
      }
    });

    it("diffs two runs as gonogo diff does, and pages through the history", async () => {
      target.setHealth(503);
      const second = await json<{ runId: number }>(
        await server.fetchAs(runner, "/api/v1/checklists/orders/runs", { method: "POST" }),
      );
      const diff = await json<{
        from: { id: number };
        to: { id: number };
        regressed: { id: string; before: string; after: string }[];
      }>(await server.fetchAs(runner, `/api/v1/runs/${firstRun.runId}/diff/${second.runId}`));
      expect([diff.from.id, diff.to.id]).toEqual([firstRun.runId, second.runId]);
      expect(diff.regressed.map((c) => [c.before, c.after])).toEqual([["pass", "fail"]]);
      const page = await json<{ items: { id: number }[]; nextCursor: string }>(
        await server.fetchAs(runner, "/api/v1/checklists/orders/runs?limit=1"),
      );
      expect([page.items.map((r) => r.id), page.nextCursor]).toEqual([[second.runId], String(second.runId)]);
      const rest = await json<{ items: { id: number }[]; nextCursor: null }>(
        await server.fetchAs(runner, `/api/v1/checklists/orders/runs?limit=1&cursor=${page.nextCursor}`),
      );
      expect([rest.items.map((r) => r.id), rest.nextCursor]).toEqual([[firstRun.runId], null]);
      const byPage = await json<{ items: { id: number }[] }>(
        await server.fetchAs(runner, "/api/v1/checklists/orders/runs?limit=1&page=2"),
      );
      expect(byPage.items.map((r) => r.id)).toEqual([firstRun.runId]);
    });

    it("exposes metrics: request durations by route and status, runs by verdict, readiness per checklist", async () => {
      const metrics = await server.fetch("/metrics");
      expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
      const text = await metrics.text();
      expect(text).toMatch(
        /gonogo_http_request_duration_seconds_count\{route="\/api\/v1\/runs\/:id",method="GET",status="200"\} [1-9]/,
      );
      expect(text).toMatch(
        /gonogo_http_request_duration_seconds_count\{route="unmatched",method="GET",status="404"\} [1-9]/,
      );
      expect(text).toContain('gonogo_runs_total{checklist="orders",verdict="NO-GO"} 2');
      expect(text).toContain('gonogo_checklist_verified_percent{checklist="orders"} 0');
      expect(text).not.toContain('gonogo_checklist_verified_percent{checklist="search"}');
    });

    it("describes its API in OpenAPI", async () => {
      const doc = await json<{
        openapi: string;
        paths: Record<string, Record<string, unknown>>;
        components?: { securitySchemes?: unknown };
      }>(await server.fetch("/openapi.json"));
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths["/api/v1/checklists/{name}/runs"] ?? {}).sort()).toEqual(["get", "post"]);
      expect(doc.paths["/api/v1/runs/{a}/diff/{b}"]).toBeDefined();
      // Every API operation (and the controllers' gate endpoints) names the bearer token; health, metrics and OpenAPI do not.
      expect(doc.components?.securitySchemes).toEqual({ apiToken: { type: "http", scheme: "bearer" } });
      for (const [path, operations] of Object.entries(doc.paths))
        for (const [method, operation] of Object.entries(operations))
          expect([path, method, (operation as { security?: unknown }).security]).toEqual([
            path,
            method,
            path.startsWith("/api/v1/") || path.startsWith("/v1/") ? [{ apiToken: [] }] : undefined,
          ]);
      // Those same operations count wrong tokens, so each may answer 429: described, body and Retry-After.
      for (const [path, operations] of Object.entries(doc.paths))
        for (const [method, operation] of Object.entries(operations)) {
          const limited = (operation as { responses?: Record<string, RateLimitedDoc> }).responses?.["429"];
          if (!(path.startsWith("/api/v1/") || path.startsWith("/v1/"))) {
            expect(limited, `${method} ${path}`).toBeUndefined();
            continue;
          }
          expect(limited?.headers?.["retry-after"]?.schema, `${method} ${path}`).toEqual({ type: "integer" });
          expect(limited?.content?.["application/json"]?.schema?.properties?.error?.required).toEqual([
            "kind",
            "message",
          ]);
        }
    });

    it("asks every API route for a token and its role; health, metrics and OpenAPI stay open", async () => {
      const unauthenticated = async (response: Response) => {
        const message = await expectError(response, 401, "unauthenticated");
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
        return message;
      };
      const post = { method: "POST" } as const;
      expect(await unauthenticated(await server.fetch("/api/v1/checklists"))).toContain(
        "send Authorization: Bearer <token>",
      );
      await unauthenticated(await server.fetch("/api/v1/runs/1"));
      await unauthenticated(await server.fetch("/api/v1/checklists/search/runs", post));
      // The router decodes the path: an encoded API route is still an API route.
      await unauthenticated(await server.fetch("/%61pi/v1/checklists"));
      // An unknown API route does not tell a caller without a token that it does not exist.
      await unauthenticated(await server.fetch("/api/v1/nothing-here"));
      const wrong = `${runner.slice(0, -4)}AAAA`;
      expect(await unauthenticated(await server.fetchAs(wrong, "/api/v1/checklists"))).toBe(
        "unknown API token",
      );
      await unauthenticated(await server.fetchAs(wrong, "/api/v1/checklists/search/runs", post));
      expect(await unauthenticated(await server.fetchAs("letmein", "/api/v1/checklists"))).toMatch(
        /^not a gonogo API token/,
      );
      // An anonymous body is refused before it is read.
      const big = { ...post, headers: { "content-type": "application/json" }, body: "x".repeat(300 * 1024) };
      await unauthenticated(await server.fetch("/api/v1/checklists/search/runs", big));

      expect((await server.fetchAs(viewer, "/api/v1/checklists")).status).toBe(200);
      expect((await server.fetchAs(viewer, "/api/v1/checklists/search/runs")).status).toBe(200);
      expect(
        await expectError(
          await server.fetchAs(viewer, "/api/v1/checklists/search/runs", post),
          403,
          "forbidden",
        ),
      ).toBe("run needs the runner role; this token is viewer");

      const ran = await server.fetchAs(runner, "/api/v1/checklists/search/runs", post);
      expect(ran.status, await ran.clone().text()).toBe(201);
      const { runId } = await json<{ runId: number }>(ran);
      const runs = await json<{ items: { id: number; runBy: string }[] }>(
        await server.fetchAs(viewer, "/api/v1/checklists/search/runs"),
      );
      expect(runs.items.map((r) => [r.id, r.runBy])).toEqual([[runId, "token:ci"]]);
      // The store itself, read by the CLI, records the token's name as who ran it.
      const history = await runCli(["history", "--store", store, "--json"]);
      expect(history.code, history.stderr).toBe(0);
      const stored = (JSON.parse(history.stdout) as { id: number; runBy: string }[]).find(
        (r) => r.id === runId,
      );
      expect(stored?.runBy).toBe("token:ci");

      for (const open of ["/healthz", "/readyz", "/metrics", "/openapi.json"])
        expect((await server.fetch(open)).status, open).toBe(200);
    });

    it("never writes a presented token to its log", async () => {
      expect(server.stderr()).not.toContain(runner);
      expect(server.stderr()).not.toContain(viewer);
      expect(server.stderr()).not.toContain(runner.slice(0, -4));
    });

    it("closes cleanly on SIGTERM", async () => {
      expect(await server.stop()).toBe(0);
      expect(server.stderr()).toContain("gonogo: server closed\n");
    });
  });
}

describe("gonogo serve's store and config", () => {
  it("answers readyz 503 once its Postgres database is gone, and 200 before", async () => {
    const project = writeServerProject();
    const { name, url } = await migratedDatabase("gonogo_serve_gone");
    const server = await startServe(["--config", project.config, "--store", url]);
    try {
      expect((await server.fetch("/readyz")).status).toBe(200);
      await postgresAdmin(`DROP DATABASE ${name} WITH (FORCE)`);
      const message = await expectError(await server.fetch("/readyz"), 503, "unavailable");
      expect(message).toMatch(/^the store does not answer: /);
      expect((await server.fetch("/healthz")).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it("refuses a Postgres database not yet migrated", async () => {
    const { url } = await freshDatabase("gonogo_serve_new");
    const project = writeServerProject();
    const run = await runCli(["serve", "--port", "0", "--config", project.config, "--store", url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("run gonogo migrate");
  }, 30_000);

  it("without a server config, exits 2 saying how to write one", async () => {
    const empty = mkdtempSync(join(tmpdir(), "gonogo-serve-none-"));
    const run = await runCli(["serve", "--port", "0"], { cwd: empty });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`gonogo: no gonogo-server.yml in ${empty}`);
    expect(run.stderr).toContain("services:");
  });

  it("refuses an unknown key with its file:line (exit 2)", async () => {
    const project = writeServerProject();
    writeFileSync(
      project.config,
      "services:\n  - name: orders\n    checklist: orders/LAUNCH.md\n    onwer: me\n",
    );
    const run = await runCli(["serve", "--port", "0", "--config", project.config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${project.config}:4:5 services.0.onwer: unknown key`);
  });

  it("keeps its embedded SQLite store beside the server config by default", async () => {
    const project = writeServerProject();
    const token = await createToken(join(project.dir, ".gonogo", "gonogo.db"), "ci", "runner");
    const server = await startServe([], { cwd: project.dir });
    try {
      expect(await json(await server.fetch("/readyz"))).toEqual({ status: "ready", store: "sqlite" });
      const ran = await server.fetchAs(token, "/api/v1/checklists/search/runs", { method: "POST" });
      expect(ran.status).toBe(201);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const history = await runCli(["history", "--store", join(project.dir, ".gonogo", "gonogo.db"), "--json"]);
    expect(JSON.parse(history.stdout)).toHaveLength(1);
  });
});
