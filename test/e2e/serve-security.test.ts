import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, listenLocally } from "../support/local-server.js";
import { runCli } from "../support/run-cli.js";
import { createToken, type ServeProcess, startServe } from "../support/serve-process.js";

/** Secrets the server's environment holds; gonogo.yml names them as ${VAR}. */
const SECRETS = {
  TARGET_API_KEY: `key-${randomBytes(12).toString("hex")}`,
  DB_PASSWORD: `pw${randomBytes(12).toString("hex")}`,
  URL_PASSWORD: `up${randomBytes(12).toString("hex")}`,
};

const ORDERS_CHECKLIST = `# Orders

- [ ] API answers with its key
- [ ] Database answers
- [ ] Admin endpoint answers
`;

const ordersConfig = (closedPort: number) => `version: 1
targets:
  api: { url: "\${ORDERS_URL}", headers: { X-Api-Key: "\${TARGET_API_KEY}" } }
  db: { url: "postgres://postgres:\${DB_PASSWORD}@127.0.0.1:5432/postgres" }
  admin: { url: "http://ops:\${URL_PASSWORD}@127.0.0.1:${closedPort}" }
checks:
  api: { item: API answers with its key, http: { target: api, path: /health }, expect: [status == 200] }
  db: { item: Database answers, sql: { target: db, query: "select 1 as one" }, expect: [rows == 1] }
  admin: { item: Admin endpoint answers, http: { target: admin, path: /admin, timeout: 2s }, expect: [status == 200] }
`;

/** One check of each probe kind that connects out, all aimed at the cloud metadata address. */
const PROBE_KINDS = {
  http: `http: { target: web, path: /latest/meta-data/ }, expect: [status == 200]`,
  metrics: `metrics: { target: web }, expect: [missing == 0]`,
  promql: `promql: { target: web, query: up }, expect: [value == 1]`,
  tls: `tls: { target: secure }, expect: [days_left > 14]`,
  load: `load: { target: web, path: /, duration: 1s, vus: 1 }, expect: [p95 < 300ms]`,
  burst: `burst: { target: web, path: /, requests: 5 }, expect: [limited > 0]`,
  postgres: `sql: { target: pg, query: "select 1" }, expect: [rows == 1]`,
  mysql: `sql: { target: my, query: "select 1" }, expect: [rows == 1]`,
  redis: `redis: { target: cache }, expect: [ping == true]`,
  command: `command: { run: "true" }, expect: [exit_code == 0]`,
};

const PROBES_CHECKLIST = `# Metadata\n\n${Object.keys(PROBE_KINDS)
  .map((kind) => `- [ ] ${kind} stays off metadata`)
  .join("\n")}\n`;

const PROBES_CONFIG = `version: 1
targets:
  web: { url: "http://169.254.169.254" }
  secure: { url: "https://169.254.169.254" }
  pg: { url: "postgres://app@169.254.169.254:5432/app" }
  my: { url: "mysql://root@169.254.169.254:3306/app" }
  cache: { url: "redis://169.254.169.254:6379" }
defaults: { timeout: 4s }
checks:
${Object.entries(PROBE_KINDS)
  .map(([kind, check]) => `  ${kind}: { item: ${kind} stays off metadata, ${check} }`)
  .join("\n")}
`;

interface CheckJson {
  id: string;
  status: string;
  durationMs: number;
  error?: string;
}

interface RunReply {
  runId: number;
  report: { items: { checks: CheckJson[] }[] };
}

function checksOf(reply: RunReply): Record<string, CheckJson> {
  return Object.fromEntries(reply.report.items.flatMap((item) => item.checks.map((c) => [c.id, c])));
}

describe("gonogo serve's security", () => {
  let server: ServeProcess;
  let target: LocalServer & { seen: IncomingHttpHeaders[] };
  let closed: LocalServer;
  let dir: string;
  let store: string;
  let viewer: string;
  let runner: string;
  /** Every body the server answered in these tests, with what was asked. */
  const answers: { request: string; body: string }[] = [];

  async function answer(request: string, response: Response): Promise<string> {
    const body = await response.text();
    answers.push({ request, body });
    return body;
  }

  beforeAll(async () => {
    const seen: IncomingHttpHeaders[] = [];
    target = Object.assign(
      await listenLocally(
        createServer((request, response) => {
          seen.push(request.headers);
          response.writeHead(200).end("ok");
        }),
      ),
      { seen },
    );
    // A port that was listening and is closed now: a connection to it is refused at once.
    closed = await listenLocally(createServer());
    await closed.close();
    dir = mkdtempSync(join(tmpdir(), "gonogo-serve-security-"));
    for (const [name, checklist, config] of [
      ["orders", ORDERS_CHECKLIST, ordersConfig(closed.port)],
      ["probes", PROBES_CHECKLIST, PROBES_CONFIG],
    ] as const) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, "LAUNCH.md"), checklist);
      writeFileSync(join(dir, name, "gonogo.yml"), config);
    }
    writeFileSync(
      join(dir, "gonogo-server.yml"),
      "services:\n  - { name: orders, checklist: orders/LAUNCH.md }\n  - { name: probes, checklist: probes/LAUNCH.md }\n",
    );
    store = join(dir, "runs.db");
    viewer = await createToken(store, "dashboard", "viewer");
    runner = await createToken(store, "ci", "runner");
    server = await startServe(["--config", join(dir, "gonogo-server.yml"), "--store", store], {
      env: { ORDERS_URL: target.url, ...SECRETS },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await target?.close();
  });

  it("refuses a check of every kind that connects out when it points at cloud metadata, and runs no command", async () => {
    const response = await server.fetchAs(runner, "/api/v1/checklists/probes/runs", { method: "POST" });
    const body = await answer("POST probes run", response);
    expect(response.status, body).toBe(201);
    const checks = checksOf(JSON.parse(body) as RunReply);
    const config = join(dir, "gonogo-server.yml");
    for (const kind of Object.keys(PROBE_KINDS).filter((k) => k !== "command")) {
      const check = checks[kind];
      expect(check?.status, kind).toBe("error");
      expect(check?.error, kind).toContain("169.254.169.254");
      expect(check?.error, kind).toContain(
        `refused in server mode: link-local and cloud metadata addresses are not reached unless service "probes" sets allow_link_local: true in ${config}`,
      );
      // Refused before a packet left: nothing answers on 169.254/16 here, a connection would wait 4 s.
      expect(check?.durationMs, kind).toBeLessThan(1500);
    }
    expect(checks.command).toMatchObject({
      status: "error",
      error: `not run: gonogo serve does not run command checks unless service "probes" sets allow_commands: true in ${config}`,
    });
  });

  it("keeps the environment's secrets out of every answer (reports in every format, lists, OpenAPI, metrics) and its log", async () => {
    const response = await server.fetchAs(runner, "/api/v1/checklists/orders/runs", { method: "POST" });
    const body = await answer("POST orders run", response);
    expect(response.status, body).toBe(201);
    const run = JSON.parse(body) as RunReply;
    const checks = checksOf(run);
    // The secrets were used: the target got its key, the database its password, the admin URL failed.
    expect(checks.api?.status).toBe("pass");
    expect(target.seen.map((headers) => headers["x-api-key"])).toContain(SECRETS.TARGET_API_KEY);
    expect(checks.db?.status, checks.db?.error).toBe("pass");
    expect(checks.admin?.status).toBe("error");
    expect(checks.admin?.error).toContain(`127.0.0.1:${closed.port}`);

    const paths = [
      "/api/v1/checklists",
      "/api/v1/checklists/orders",
      "/api/v1/checklists/orders/runs",
      ...["json", "text", "markdown", "html", "junit"].map((f) => `/api/v1/runs/${run.runId}?format=${f}`),
      `/api/v1/runs/${run.runId}/diff/${run.runId}`,
    ];
    for (const path of paths) {
      const reply = await server.fetchAs(viewer, path);
      expect(reply.status, path).toBe(200);
      await answer(path, reply);
    }
    for (const path of ["/openapi.json", "/metrics", "/healthz", "/readyz"])
      await answer(path, await server.fetch(path));
    await answer("404", await server.fetchAs(viewer, "/api/v1/runs/999999"));
    await answer("401", await server.fetch("/api/v1/checklists"));

    for (const [name, secret] of Object.entries(SECRETS)) {
      for (const { request, body: text } of answers)
        expect(text, `${name} in ${request}`).not.toContain(secret);
      expect(server.stderr(), `${name} in stderr`).not.toContain(secret);
    }
  });

  it("limits wrong tokens per address: 1,000 in a row over keep-alive get 429 with Retry-After after 10, while a valid token from another address works", async () => {
    const attacker = new Client(server.url, { pipelining: 1 });
    const statuses = new Map<number, number>();
    let retryAfter: string | undefined;
    let limitedMessage = "";
    let limitedFrom = 0;
    try {
      for (let i = 0; i < 1000; i++) {
        const guess = `ggo_${randomBytes(4).toString("hex")}_${randomBytes(32).toString("base64url")}`;
        const reply = await attacker.request({
          path: "/api/v1/checklists",
          method: "GET",
          headers: { authorization: `Bearer ${guess}` },
        });
        const text = await reply.body.text();
        statuses.set(reply.statusCode, (statuses.get(reply.statusCode) ?? 0) + 1);
        if (reply.statusCode === 429 && retryAfter === undefined) {
          retryAfter = String(reply.headers["retry-after"]);
          limitedMessage = text;
          limitedFrom = performance.now();
        }
        expect(text).not.toContain(guess);
      }
    } finally {
      await attacker.close();
    }
    expect(Object.fromEntries(statuses)).toEqual({ 401: 10, 429: 990 });
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(JSON.parse(limitedMessage)).toMatchObject({ error: { kind: "rate-limited" } });
    // The refused guesses cost no hash: 990 of them take far less than 990 scrypt checks (~35 s).
    expect(performance.now() - limitedFrom).toBeLessThan(15_000);

    // The same address is still refused; another address with a valid token is served.
    const again = await server.fetch("/api/v1/checklists", {
      headers: { authorization: "Bearer ggo_00000000_x" },
    });
    expect(again.status).toBe(429);
    const other = new Client(server.url, { localAddress: "127.0.0.2" });
    try {
      const reply = await other.request({
        path: "/api/v1/checklists",
        method: "GET",
        headers: { authorization: `Bearer ${viewer}` },
      });
      expect(reply.statusCode).toBe(200);
      await answer("list from 127.0.0.2", new Response(await reply.body.text()));
    } finally {
      await other.close();
    }
  }, 60_000);

  it("refuses a revoked token within the auth cache's TTL (5 s)", async () => {
    const temporary = await createToken(store, "temporary", "viewer");
    const other = new Client(server.url, { localAddress: "127.0.0.3" });
    const get = async () => {
      const reply = await other.request({
        path: "/api/v1/checklists",
        method: "GET",
        headers: { authorization: `Bearer ${temporary}` },
      });
      return { status: reply.statusCode, body: await reply.body.text() };
    };
    try {
      expect((await get()).status).toBe(200);
      const revoked = await runCli(["token", "revoke", "temporary", "--store", store]);
      expect(revoked.code, revoked.stderr).toBe(0);
      const revokedAt = performance.now();
      let last = await get();
      while (last.status === 200 && performance.now() - revokedAt < 8_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        last = await get();
      }
      expect(last.status).toBe(401);
      const refusal = JSON.parse(last.body) as { error: { kind: string; message: string } };
      expect(refusal.error.kind).toBe("unauthenticated");
      expect(refusal.error.message).toContain('API token "temporary" was revoked');
      expect(performance.now() - revokedAt).toBeLessThan(5_000 + 1_500);
    } finally {
      await other.close();
    }
  }, 30_000);

  it("never returns or logs a token after it was created", async () => {
    for (const token of [viewer, runner]) {
      const secret = token.slice("ggo_01234567_".length);
      for (const { request, body } of answers) {
        expect(body, request).not.toContain(token);
        expect(body, request).not.toContain(secret);
      }
      expect(server.stderr()).not.toContain(secret);
    }
    expect(answers.length).toBeGreaterThan(10);
  });
});
