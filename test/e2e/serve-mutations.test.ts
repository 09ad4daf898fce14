import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../src/model/report.js";
import { closedPort, postgresAdmin, uniqueName } from "../support/db-context.js";
import { type LocalServer, listenLocally } from "../support/local-server.js";
import { runCli } from "../support/run-cli.js";
import { createToken, type ServeProcess, startServe } from "../support/serve-process.js";

const POSTGRES = "postgres://postgres@127.0.0.1:5432";
const databases: string[] = [];

afterAll(async () => {
  for (const name of databases) await postgresAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

const CHECKLIST = `# Orders launch

## Security
- [ ] Health endpoint answers 200
- [ ] Pen test done

## Operations
- [ ] Runbook written

## Notes
- [ ] Changelog published
`;

const CONFIG = `version: 1
targets:
  api: { url: "\${ORDERS_URL}" }
checks:
  health: { item: Health endpoint answers 200, http: { target: api, path: /health }, expect: [status == 200] }
manual:
  - Pen test done
  - Runbook written
  - Changelog published
gates:
  signoffs:
    Security: [Security Lead]
    Operations: [SRE Lead]
`;

/** One service, orders, checking a real local target, beside a gonogo-server.yml; search is a second one. */
function writeProject(): { dir: string; config: string; checklist: string } {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-serve-mut-"));
  mkdirSync(join(dir, "orders"));
  mkdirSync(join(dir, "search"));
  writeFileSync(join(dir, "orders", "LAUNCH.md"), CHECKLIST);
  writeFileSync(join(dir, "orders", "gonogo.yml"), CONFIG);
  writeFileSync(join(dir, "search", "LAUNCH.md"), "# Search\n\n- [x] Index built\n");
  writeFileSync(join(dir, "search", "gonogo.yml"), "version: 1\nchecks: {}\n");
  const config = join(dir, "gonogo-server.yml");
  writeFileSync(
    config,
    "services:\n  - name: orders\n    checklist: orders/LAUNCH.md\n  - name: search\n    checklist: search/LAUNCH.md\n",
  );
  return { dir, config, checklist: join(dir, "orders", "LAUNCH.md") };
}

async function startTarget(): Promise<LocalServer & { setHealth(status: number): void }> {
  let health = 200;
  const local = await listenLocally(
    createServer((request, response) => {
      response.writeHead(request.url === "/health" ? health : 404).end("ok");
    }),
  );
  return Object.assign(local, { setHealth: (status: number) => (health = status) });
}

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  const text = await response.text();
  return JSON.parse(text) as T;
}

/** An error in the API's one shape; its message and details. */
async function expectError(
  response: Response,
  status: number,
  kind: string,
): Promise<{ message: string; details: string[] }> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  const body = JSON.parse(text) as { error: { kind: string; message: string; details?: string[] } };
  expect(body.error.kind, text).toBe(kind);
  return { message: body.error.message, details: body.error.details ?? [] };
}

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

interface Slot {
  sectionId: string;
  section: string;
  role: string | null;
  required: boolean;
  state: "signed" | "void" | "missing";
  signoff: { by: string; run: number; valid: boolean; reason: string; at: string } | null;
}

interface AuditEvent {
  seq: number;
  actor: string;
  action: string;
  subject: string;
  detail: Record<string, unknown>;
}

const BACKENDS = [
  { name: "sqlite", store: async (dir: string) => join(dir, "runs.db") },
  {
    name: "postgres",
    store: async () => {
      const name = uniqueName("gonogo_serve_mut");
      databases.push(name);
      await postgresAdmin(`CREATE DATABASE ${name}`);
      const url = `${POSTGRES}/${name}`;
      const migrated = await runCli(["migrate", "--store", url]);
      expect(migrated.code, migrated.stderr).toBe(0);
      return url;
    },
  },
];

for (const backend of BACKENDS) {
  describe(`gonogo serve's mutations on ${backend.name}`, () => {
    let server: ServeProcess;
    let target: Awaited<ReturnType<typeof startTarget>>;
    let project: ReturnType<typeof writeProject>;
    let store: string;
    const tokens: Record<string, string> = {};

    beforeAll(async () => {
      target = await startTarget();
      project = writeProject();
      store = await backend.store(project.dir);
      const made: [string, string, string[]][] = [
        ["viewer", "viewer", []],
        ["ci", "runner", []],
        ["approver", "approver", []],
        ["sec", "approver", ["Security Lead"]],
        ["admin", "admin", []],
        ["admin-sre", "admin", ["sre lead"]],
      ];
      for (const [name, role, roles] of made) tokens[name] = await createToken(store, name, role, roles);
      server = await startServe(["--config", project.config, "--store", store], {
        env: { ORDERS_URL: target.url },
      });
    }, 180_000);

    afterAll(async () => {
      await server?.stop();
      await target?.close();
    });

    const as = (name: string, path: string, init?: RequestInit) => {
      const token = tokens[name];
      if (token === undefined) throw new Error(`no token ${name}`);
      return server.fetchAs(token, path, init);
    };
    const SIGN_SECURITY = "/api/v1/checklists/orders/sections/Security/signoffs";
    const slots = async () =>
      json<{ run: { id: number } | null; slots: Slot[] }>(
        await as("viewer", "/api/v1/checklists/orders/signoffs"),
      );
    const slotOf = (all: Slot[], role: string) => all.find((s) => s.role === role);

    it("refuses a sign-off with no complete run to approve (409), and shows every slot missing", async () => {
      const { message } = await expectError(
        await as("sec", SIGN_SECURITY, post({ role: "Security Lead" })),
        409,
        "conflict",
      );
      expect(message).toContain("no complete run of");
      const view = await slots();
      expect(view.run).toBeNull();
      expect(view.slots.map((s) => [s.section, s.role, s.required, s.state])).toEqual([
        ["Security", "Security Lead", true, "missing"],
        ["Operations", "SRE Lead", true, "missing"],
      ]);
    });

    let firstRunId: number;

    it("signs a section off in a role the token holds, by title or id; every other token is refused", async () => {
      const ran = await as("ci", "/api/v1/checklists/orders/runs", { method: "POST" });
      expect(ran.status, await ran.clone().text()).toBe(201);
      firstRunId = (await json<{ runId: number }>(ran)).runId;
      const role = post({ role: "Security Lead" });
      await expectError(await server.fetch(SIGN_SECURITY, role), 401, "unauthenticated");
      expect((await expectError(await as("viewer", SIGN_SECURITY, role), 403, "forbidden")).message).toBe(
        "signoff needs the approver role; this token is viewer",
      );
      await expectError(await as("ci", SIGN_SECURITY, role), 403, "forbidden");
      expect((await expectError(await as("approver", SIGN_SECURITY, role), 403, "forbidden")).message).toBe(
        "signoff here needs the sign-off role Security Lead; this token holds none",
      );
      // An admin outranks an approver, but is no Security Lead by rank.
      await expectError(await as("admin", SIGN_SECURITY, role), 403, "forbidden");
      await expectError(await as("admin-sre", SIGN_SECURITY, role), 403, "forbidden");
      // What is not there is 404; a body without a role is 400.
      await expectError(
        await as("sec", "/api/v1/checklists/orders/sections/Nowhere/signoffs", role),
        404,
        "not-found",
      );
      await expectError(
        await as("sec", "/api/v1/checklists/nope/sections/Security/signoffs", role),
        404,
        "not-found",
      );
      await expectError(await as("sec", SIGN_SECURITY, post({})), 400, "usage");
      await expectError(await as("sec", SIGN_SECURITY, post({ role: "   " })), 400, "usage");
      expect(
        (await expectError(await as("sec", SIGN_SECURITY, post({ role: "x", by: "ana" })), 400, "usage"))
          .message,
      ).toBe("body: unknown key by (expected role)");

      const signed = await as("sec", "/api/v1/checklists/orders/sections/%20security%20/signoffs", role);
      expect(signed.status, await signed.clone().text()).toBe(201);
      const { signoff } = await json<{
        signoff: { by: string; role: string; runId: number; sectionId: string };
      }>(signed);
      expect(signoff).toMatchObject({ by: "token:sec", role: "Security Lead", runId: firstRunId });
      const byId = await as(
        "admin-sre",
        `/api/v1/checklists/orders/sections/${encodeURIComponent("orders-launch/operations")}/signoffs`,
        post({ role: "SRE Lead" }),
      );
      expect(byId.status, await byId.clone().text()).toBe(201);

      const view = await slots();
      expect(view.run?.id).toBe(firstRunId);
      expect(slotOf(view.slots, "Security Lead")).toMatchObject({
        state: "signed",
        signoff: { by: "token:sec", run: firstRunId, valid: true },
      });
      expect(slotOf(view.slots, "SRE Lead")).toMatchObject({
        state: "signed",
        signoff: { by: "token:admin-sre", valid: true },
      });
    });

    it("attests an item for a token with its section's sign-off role; waives an ungated item for any approver", async () => {
      const PEN = `/api/v1/checklists/orders/items/${encodeURIComponent("Pen test done")}/attestations`;
      const body = post({ evidence: "https://example.test/pentest.pdf", note: "by Acme", expires: "30d" });
      await expectError(await server.fetch(PEN, body), 401, "unauthenticated");
      await expectError(await as("viewer", PEN, body), 403, "forbidden");
      await expectError(await as("ci", PEN, body), 403, "forbidden");
      expect((await expectError(await as("approver", PEN, body), 403, "forbidden")).message).toBe(
        "attest here needs the sign-off role Security Lead; this token holds none",
      );
      await expectError(await as("admin-sre", PEN, body), 403, "forbidden");
      await expectError(
        await as("sec", "/api/v1/checklists/orders/items/No%20such%20thing/attestations", body),
        404,
        "not-found",
      );
      expect(
        (await expectError(await as("sec", PEN, post({ expires: "soon" })), 400, "usage")).message,
      ).toContain("expires soon: expected a duration");
      expect(
        (await expectError(await as("sec", PEN, post({ evidence: "/etc/passwd" })), 400, "usage")).message,
      ).toContain("expected a URL");
      await expectError(await as("sec", PEN, post({ expires: "2001-01-01" })), 400, "usage");
      await expectError(await as("sec", PEN, post({ extra: 1 })), 400, "usage");

      const attested = await as("sec", PEN, body);
      expect(attested.status, await attested.clone().text()).toBe(201);
      const { attestation } = await json<{ attestation: Record<string, unknown> }>(attested);
      expect(attestation).toMatchObject({
        itemText: "Pen test done",
        by: "token:sec",
        evidence: "https://example.test/pentest.pdf",
        note: "by Acme",
      });
      const until = Date.parse(String(attestation.expiresAt)) - Date.now();
      expect(until).toBeGreaterThan(29 * 86_400_000);
      expect(until).toBeLessThan(31 * 86_400_000);
      // An ISO day or time counts too.
      const onDay = await as("sec", PEN, post({ expires: "2099-06-30" }));
      expect(onDay.status).toBe(201);
      expect((await json<{ attestation: { expiresAt: string } }>(onDay)).attestation.expiresAt).toBe(
        "2099-07-01T00:00:00.000Z",
      );

      // An item of no gated section: any approver speaks for it, an admin too.
      const CHANGELOG = `/api/v1/checklists/orders/items/${encodeURIComponent("Changelog published")}/waivers`;
      const waiver = post({ reason: "no public API change", expires: "2099-12-31" });
      await expectError(await as("ci", CHANGELOG, waiver), 403, "forbidden");
      await expectError(
        await as("approver", CHANGELOG, post({ reason: "x", expires: "2001-01-01" })),
        400,
        "usage",
      );
      await expectError(await as("approver", CHANGELOG, post({ reason: "x" })), 400, "usage");
      await expectError(await as("approver", CHANGELOG, post({ expires: "30d" })), 400, "usage");
      const waived = await as("approver", CHANGELOG, waiver);
      expect(waived.status, await waived.clone().text()).toBe(201);
      expect((await json<{ waiver: Record<string, unknown> }>(waived)).waiver).toMatchObject({
        by: "token:approver",
        reason: "no public API change",
        until: "2099-12-31",
      });
      const byDuration = await as("admin", CHANGELOG, post({ reason: "still none", expires: "10d" }));
      expect(byDuration.status).toBe(201);
      const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      expect((await json<{ waiver: { until: string } }>(byDuration)).waiver.until).toBe(day);
      // Runbook written is in Operations: the Security Lead does not speak for it.
      const RUNBOOK = `/api/v1/checklists/orders/items/${encodeURIComponent("Runbook written")}/waivers`;
      expect((await expectError(await as("sec", RUNBOOK, waiver), 403, "forbidden")).message).toBe(
        "waive here needs the sign-off role SRE Lead; this token holds Security Lead",
      );

      // The next run on the server counts them.
      const ran = await json<{ report: JsonReport }>(
        await as("ci", "/api/v1/checklists/orders/runs", { method: "POST" }),
      );
      const status = Object.fromEntries(ran.report.items.map((i) => [i.text, i.status]));
      expect(status).toMatchObject({ "Pen test done": "attested", "Changelog published": "waived" });
    });

    let pushedRunId: number;
    let pushedReport: JsonReport;

    it("gonogo verify --push: the server keeps the report as a run by the token, and gives it back as it was", async () => {
      const url = `${server.url}/api/v1/checklists/orders`;
      const cli = await runCli(
        ["verify", project.checklist, "--format", "json", "--no-store", "--push", url],
        { env: { ORDERS_URL: target.url, GONOGO_TOKEN: tokens.ci } },
      );
      expect([0, 1], cli.stderr).toContain(cli.code);
      const pushed = /gonogo: pushed the report to (\S+): run #(\d+)\n/.exec(cli.stderr);
      expect(pushed?.[1], cli.stderr).toBe(url);
      pushedRunId = Number(pushed?.[2]);
      pushedReport = JSON.parse(cli.stdout) as JsonReport;
      const stored = await as("viewer", `/api/v1/runs/${pushedRunId}`);
      expect(stored.status).toBe(200);
      expect(await json(stored)).toEqual(pushedReport);
      const runs = await json<{ items: { id: number; runBy: string; complete: boolean }[] }>(
        await as("viewer", "/api/v1/checklists/orders/runs?limit=1"),
      );
      expect(runs.items[0]).toMatchObject({ id: pushedRunId, runBy: "token:ci", complete: true });
      expect(cli.stderr).not.toContain(String(tokens.ci));
      expect(cli.stdout).not.toContain(String(tokens.ci));

      // --token works as well as the environment.
      const again = await runCli(
        ["verify", project.checklist, "--no-store", "--push", `${url}/`, "--token", String(tokens.ci)],
        { env: { ORDERS_URL: target.url, GONOGO_TOKEN: "" } },
      );
      expect(again.stderr).toMatch(/gonogo: pushed the report to .*: run #\d+\n/);
      expect(again.stderr + again.stdout).not.toContain(String(tokens.ci));
    }, 180_000);

    it("gonogo verify --push fails with exit 2 and the server's reason: no token, a viewer's token, an unreachable server", async () => {
      const url = `${server.url}/api/v1/checklists/orders`;
      const env = { ORDERS_URL: target.url, GONOGO_TOKEN: "" };
      const noToken = await runCli(["verify", project.checklist, "--no-store", "--push", url], { env });
      expect(noToken.code).toBe(2);
      expect(noToken.stderr).toContain("--push needs an API token");
      expect(noToken.stdout).toBe("");

      const viewer = await runCli(
        ["verify", project.checklist, "--no-store", "--push", url, "--token", String(tokens.viewer)],
        { env },
      );
      expect(viewer.code).toBe(2);
      expect(viewer.stderr).toContain(
        "the server refused the report (403): push-report needs the runner role; this token is viewer",
      );
      expect(viewer.stderr).not.toContain(String(tokens.viewer));

      const bad = `${String(tokens.ci).slice(0, -4)}AAAA`;
      const unknown = await runCli(
        ["verify", project.checklist, "--no-store", "--push", url, "--token", bad],
        {
          env,
        },
      );
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("(401): unknown API token");
      expect(unknown.stderr).not.toContain(bad);

      const elsewhere = `http://127.0.0.1:${await closedPort()}/api/v1/checklists/orders`;
      const unreachable = await runCli(
        ["verify", project.checklist, "--no-store", "--push", elsewhere, "--token", String(tokens.ci)],
        { env },
      );
      expect(unreachable.code).toBe(2);
      expect(unreachable.stderr).toContain("cannot reach the server");
      expect(unreachable.stderr).toContain("ECONNREFUSED");

      const notService = await runCli(
        ["verify", project.checklist, "--no-store", "--push", server.url, "--token", String(tokens.ci)],
        { env },
      );
      expect(notService.code).toBe(2);
      expect(notService.stderr).toContain("expected the service's URL");
    }, 240_000);

    it("refuses forged and foreign reports (422 with what disagrees), keeping nothing", async () => {
      target.setHealth(503);
      const failing = await runCli(["verify", project.checklist, "--format", "json", "--no-store"], {
        env: { ORDERS_URL: target.url },
      });
      target.setHealth(200);
      expect(failing.code, failing.stderr).toBe(1);
      const genuine = JSON.parse(failing.stdout) as JsonReport;
      const health = genuine.items.findIndex((i) => i.text === "Health endpoint answers 200");
      expect(genuine.items[health]?.status).toBe("fail");
      const forge = (edit: (report: JsonReport & Record<string, unknown>) => void) => {
        const copy = structuredClone(genuine) as JsonReport & Record<string, unknown>;
        edit(copy);
        return copy;
      };
      const before = await json<{ items: unknown[] }>(
        await as("viewer", "/api/v1/checklists/orders/runs?limit=100"),
      );
      const PUSH = "/api/v1/checklists/orders/reports";
      const refused = async (report: unknown, ...expected: string[]) => {
        const { message, details } = await expectError(await as("ci", PUSH, post(report)), 422, "input");
        for (const text of expected) expect([message, ...details].join("\n")).toContain(text);
      };

      await refused(
        forge((r) => {
          const item = r.items[health];
          if (item) item.status = "pass";
        }),
        "disagrees with its own items",
        'item "Health endpoint answers 200" (line 4) is pass, but its checks give fail',
      );
      await refused(
        forge((r) => {
          r.verdict = "GO";
        }),
        "disagrees with its own items",
      );
      await refused(
        forge((r) => {
          r.summary.fail = 0;
          r.summary.pass += 1;
        }),
        "summary.fail says 0; the items give 1",
      );
      await refused(
        forge((r) => Object.assign(r, { schemaVersion: 2 })),
        "schemaVersion",
      );
      await refused(
        forge((r) => Object.assign(r, { pushedBy: "me" })),
        "pushedBy: unknown key",
      );
      await refused(
        forge((r) => {
          r.checklist.sha256 = "0".repeat(64);
        }),
        "that is not the one orders serves",
      );
      const { gates: _, ...statusLike } = genuine;
      await refused(statusLike, "no verdict or gates");
      await refused({ hello: "world" }, "not a JSON report v1");
      // Another service's checklist is not this one.
      await expectError(await as("ci", "/api/v1/checklists/search/reports", post(genuine)), 422, "input");
      await expectError(await as("ci", "/api/v1/checklists/nope/reports", post(genuine)), 404, "not-found");
      await expectError(await as("viewer", PUSH, post(genuine)), 403, "forbidden");
      await expectError(await server.fetch(PUSH, post(genuine)), 401, "unauthenticated");
      const after = await json<{ items: unknown[] }>(
        await as("viewer", "/api/v1/checklists/orders/runs?limit=100"),
      );
      expect(after.items).toHaveLength(before.items.length);

      // The genuine failing report is a run like any other, and its regression voids the Security sign-off.
      const accepted = await as("ci", PUSH, post(genuine));
      expect(accepted.status, await accepted.clone().text()).toBe(201);
      const { runId } = await json<{ runId: number }>(accepted);
      expect(await json(await as("viewer", `/api/v1/runs/${runId}`))).toEqual(genuine);
      const view = await slots();
      expect(view.run?.id).toBe(runId);
      const security = slotOf(view.slots, "Security Lead");
      expect(security?.state).toBe("void");
      expect(security?.signoff?.reason).toContain("regressed in run #");
      expect(security?.signoff?.reason).toContain('"Health endpoint answers 200" pass → fail');
      // Operations did not change: its sign-off holds.
      expect(slotOf(view.slots, "SRE Lead")?.state).toBe("signed");
    }, 180_000);

    it("voids a sign-off when a run on the server regresses its section, and a new sign-off fills the slot again", async () => {
      const passing = await as("ci", "/api/v1/checklists/orders/runs", { method: "POST" });
      expect(passing.status).toBe(201);
      const signed = await as("sec", SIGN_SECURITY, post({ role: "security lead" }));
      expect(signed.status, await signed.clone().text()).toBe(201);
      expect(slotOf((await slots()).slots, "Security Lead")?.state).toBe("signed");
      target.setHealth(500);
      try {
        const ran = await as("ci", "/api/v1/checklists/orders/runs", { method: "POST" });
        expect(ran.status).toBe(201);
      } finally {
        target.setHealth(200);
      }
      const security = slotOf((await slots()).slots, "Security Lead");
      expect(security).toMatchObject({ state: "void", signoff: { by: "token:sec", valid: false } });
      expect(security?.signoff?.reason).toContain("pass → fail");
    });

    it("keeps every change in the audit log with actor, role and address; approvers and admins read it", async () => {
      await expectError(await as("viewer", "/api/v1/audit"), 403, "forbidden");
      expect((await expectError(await as("ci", "/api/v1/audit"), 403, "forbidden")).message).toBe(
        "read-audit needs the approver role; this token is runner",
      );
      await expectError(await server.fetch("/api/v1/audit"), 401, "unauthenticated");
      const queuedReply = await as("ci", "/api/v1/checklists/orders/runs?wait=false", { method: "POST" });
      expect(queuedReply.status).toBe(202);
      const queued = await json<{ jobId: string }>(queuedReply);
      const all = await json<{ items: AuditEvent[]; nextCursor: string | null }>(
        await as("approver", "/api/v1/audit?limit=100"),
      );
      expect(all.nextCursor).toBeNull();
      const seqs = all.items.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      const find = (action: string, actor: string) =>
        all.items.find((e) => e.action === action && e.actor === actor);
      for (const [action, actor, role] of [
        ["signoff", "token:sec", "approver"],
        ["signoff", "token:admin-sre", "admin"],
        ["attest", "token:sec", "approver"],
        ["waive", "token:approver", "approver"],
        ["waive", "token:admin", "admin"],
        ["push-report", "token:ci", "runner"],
        ["run-request", "token:ci", "runner"],
      ] as const) {
        const event = find(action, actor);
        expect(event, `${action} by ${actor}`).toBeDefined();
        expect(event?.detail).toMatchObject({ accessRole: role, address: "127.0.0.1" });
        expect(String(event?.detail.token)).toMatch(/^ggo_[0-9a-f]{8}$/);
      }
      // Newest first: the second sign-off, in the role as the request wrote it, then the first.
      const secSignoffs = all.items.filter((e) => e.action === "signoff" && e.actor === "token:sec");
      expect(secSignoffs.map((e) => [e.detail.role, e.detail.section])).toEqual([
        ["security lead", "Security"],
        ["Security Lead", "Security"],
      ]);
      expect(find("push-report", "token:ci")?.detail).toMatchObject({ pushed: true, complete: true });
      expect(find("push-report", "token:ci")?.subject).toMatch(/#run-\d+$/);
      expect(all.items.some((e) => e.action === "signoff-void" && e.actor === "token:ci")).toBe(true);
      // Each run asked for through the API is one event, naming the service and the job its run records.
      expect(all.items.filter((e) => e.action === "run-request").length).toBeGreaterThanOrEqual(4);
      const asked = all.items.find((e) => e.action === "run-request" && e.detail.job === queued.jobId);
      expect(asked?.detail).toMatchObject({ service: "orders", accessRole: "runner", address: "127.0.0.1" });
      expect(asked?.subject).toMatch(new RegExp(`LAUNCH\\.md#job-${queued.jobId}$`));
      // No event carries a token's secret.
      for (const token of Object.values(tokens)) expect(JSON.stringify(all.items)).not.toContain(token);

      const first = await json<{ items: AuditEvent[]; nextCursor: string }>(
        await as("admin", "/api/v1/audit?limit=2"),
      );
      expect(first.items.map((e) => e.seq)).toEqual(seqs.slice(0, 2));
      const next = await json<{ items: AuditEvent[] }>(
        await as("admin", `/api/v1/audit?limit=2&cursor=${first.nextCursor}`),
      );
      expect(next.items.map((e) => e.seq)).toEqual(seqs.slice(2, 4));
      await expectError(await as("admin", "/api/v1/audit?cursor=nope"), 400, "usage");
    });

    it("describes every new route in OpenAPI, with its summary and the bearer token", async () => {
      const doc = await json<{
        paths: Record<string, Record<string, { summary?: string; security?: unknown }>>;
      }>(await server.fetch("/openapi.json"));
      for (const [path, method] of [
        ["/api/v1/checklists/{name}/sections/{section}/signoffs", "post"],
        ["/api/v1/checklists/{name}/signoffs", "get"],
        ["/api/v1/checklists/{name}/items/{item}/attestations", "post"],
        ["/api/v1/checklists/{name}/items/{item}/waivers", "post"],
        ["/api/v1/checklists/{name}/reports", "post"],
        ["/api/v1/audit", "get"],
      ] as const) {
        const operation = doc.paths[path]?.[method];
        expect(operation?.summary, `${method} ${path}`).toBeTruthy();
        expect(operation?.security).toEqual([{ apiToken: [] }]);
      }
    });

    it("never writes a presented token to its log", () => {
      for (const token of Object.values(tokens)) expect(server.stderr()).not.toContain(token);
    });
  });
}
