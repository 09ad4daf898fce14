import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, signInSession } from "../support/browser-session.js";
import { type FlagService, startFlagService } from "../support/flag-service.js";
import { type LocalServer, listenLocally } from "../support/local-server.js";
import { runCli, startCli } from "../support/run-cli.js";
import { createToken, type ServeProcess, startServe } from "../support/serve-process.js";
import { readTimelineSvg } from "../support/timeline-svg.js";

interface StatusJson {
  status: string;
  rollbacks: { breachToSafeMs: number }[];
  timeline: { kind: string; detail: Record<string, unknown> }[];
}

/**
 * A rollout driven for real (`gonogo rollout start`: a flag service set and read back over HTTP,
 * an HTTP gate that breaks in the second phase), then shown as its HTML report
 * (`gonogo rollout status --format html`) and by a real `gonogo serve` (the dashboard's pages and
 * the API's `?format=html`), each checked against the timeline the store holds.
 */
describe("a rollout's timeline, from the driver to the report and the dashboard", () => {
  let app: LocalServer & { status: number };
  let flags: FlagService;
  let server: ServeProcess;
  let dir: string;
  let config: string;
  let store: string;
  let recorded: StatusJson;
  const tokens = { viewer: "", approver: "" };

  beforeAll(async () => {
    const health = { status: 200 };
    app = Object.assign(
      health,
      await listenLocally(
        createServer((request, response) => {
          request.resume();
          response.writeHead(health.status).end("ok");
        }),
      ),
    );
    flags = await startFlagService();
    dir = mkdtempSync(join(tmpdir(), "gonogo-rollout-timeline-"));
    mkdirSync(join(dir, "checkout"));
    writeFileSync(join(dir, "checkout", "LAUNCH.md"), "# Checkout\n\n## Health\n- [ ] Health answers 200\n");
    config = join(dir, "checkout", "gonogo.yml");
    writeFileSync(
      config,
      `version: 1
checks:
  healthy:
    item: "Health answers 200"
    http: { url: "${app.url}/health" }
    expect: [ "status == 200" ]
rollout:
  defaults: { interval: 100ms, minSamples: 2, consecutivePasses: 2 }
  phases:
    - { name: canary, weight: 10, soak: 500ms, gates: [ healthy ] }
    - { name: half, weight: 50, soak: 20s, gates: [ { check: healthy, critical: true } ] }
    - { name: full, weight: 100, soak: 1s, gates: [ healthy ] }
  traffic:
    set: { http: { method: PUT, url: "${flags.url}/api/flags/checkout", body: '{"percentage": {{weight}}}' } }
    read: { http: { method: GET, url: "${flags.url}/api/flags/checkout", field: percentage } }
`,
    );
    writeFileSync(
      join(dir, "gonogo-server.yml"),
      "services:\n  - { name: checkout, checklist: checkout/LAUNCH.md }\n",
    );
    store = join(dir, "gonogo.db");
    // Healthy through canary; the gate breaks once half's soak starts: a critical failure rolls back.
    const rollout = startCli(["rollout", "start", config, "--store", store, "--revision", "r1"]);
    await rollout.waitForStderr(/soak of half starts/);
    app.status = 500;
    const ended = await rollout.finished;
    expect(ended.code, ended.stderr).toBe(1);
    expect(flags.percentage("checkout")).toBe(0);
    const status = await runCli(["rollout", "status", config, "--store", store, "--json"]);
    recorded = JSON.parse(status.stdout) as StatusJson;
    expect(recorded.status).toBe("rolled-back");
    for (const role of ["viewer", "approver"] as const) tokens[role] = await createToken(store, role, role);
    server = await startServe(["--config", join(dir, "gonogo-server.yml"), "--store", store]);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await app?.close();
    await flags?.close();
  });

  /** The chart must say what the stored timeline says: a marker per gate event, steps per weight set. */
  function expectTimelineChart(markup: string): void {
    const reading = readTimelineSvg(markup);
    const gates = recorded.timeline.filter((e) => e.kind === "gate");
    expect(reading.points).toHaveLength(gates.length);
    expect(reading.points.filter((p) => p.verdict === "fail")).toHaveLength(
      gates.filter((g) => g.detail.outcome === "fail").length,
    );
    expect(reading.points.filter((p) => p.verdict === "fail").length).toBeGreaterThan(0);
    expect(reading.read).toEqual([10, 50, 0]);
    expect(reading.wanted).toEqual([10, 50, 0]);
    expect(reading.boundaries.map((b) => `${b.phase}:${b.status}`)).toEqual([
      "canary:progressing",
      "half:progressing",
      "half:rolling-back",
      "half:rolled-back",
    ]);
    expect(reading.actions).toBe(recorded.timeline.filter((e) => e.kind === "action-done").length);
    expect(reading.rollbackMs).toEqual(recorded.rollbacks.map((r) => r.breachToSafeMs));
  }

  it("writes the rollout's HTML report with --format html --out, atomically, never over its config", async () => {
    const out = join(dir, "rollout.html");
    const written = await runCli([
      "rollout",
      "status",
      config,
      "--store",
      store,
      "--format",
      "html",
      "--out",
      out,
    ]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toBe("");
    const page = readFileSync(out, "utf8");
    expect(page).toContain("<title>rolled-back: rollout checkout</title>");
    expect(page).not.toMatch(/<script\b/);
    expectTimelineChart(page);

    const before = readFileSync(config, "utf8");
    const refused = await runCli([
      "rollout",
      "status",
      config,
      "--store",
      store,
      "--format",
      "html",
      "--out",
      config,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--out .*gonogo\.yml is the config/);
    expect(readFileSync(config, "utf8")).toBe(before);
    const unknown = await runCli(["rollout", "status", config, "--store", store, "--format", "pdf"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--format pdf: choose one of text, json, html/);
    // Written through a temporary file renamed over it: none is left behind.
    expect(readdirSync(dir).filter((name) => name.includes("rollout.html"))).toEqual(["rollout.html"]);
  });

  it("answers GET /api/v1/rollouts/:name?format=html with the same report", async () => {
    const response = await server.fetchAs(tokens.viewer, "/api/v1/rollouts/checkout?format=html");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expectTimelineChart(await response.text());
    const json = (await (await server.fetchAs(tokens.viewer, "/api/v1/rollouts/checkout")).json()) as {
      phase: string;
      timeline: unknown[];
    };
    expect(json.phase).toBe("half");
    expect(json.timeline).toHaveLength(recorded.timeline.length);
  });

  describe("the dashboard", () => {
    let viewer: BrowserSession;
    let approver: BrowserSession;
    beforeAll(async () => {
      viewer = await signInSession(server, tokens.viewer);
      approver = await signInSession(server, tokens.approver);
    });

    it("lists the rollout, linked from the navigation and from its service's checklist page", async () => {
      const home = await (await viewer.fetch("/")).text();
      expect(home).toContain('<a href="/rollouts">Rollouts</a>');
      const list = await viewer.fetch("/rollouts");
      expect(list.status).toBe(200);
      const page = await list.text();
      expect(page).toMatch(/<tr data-rollout="checkout">[\s\S]*rolled-back[\s\S]*half[\s\S]*0% \/ 0%/);
      expect(page).toContain('<a href="/checklists/checkout">checkout</a>');
      const checklist = await (await viewer.fetch("/checklists/checkout")).text();
      expect(checklist).toMatch(/rollout <a href="\/rollouts\/checkout"[^>]*>checkout<\/a>: rolled-back/);
    });

    it("shows the rollout: where it stands, the timeline chart, every event, the rollback's time", async () => {
      const response = await viewer.fetch("/rollouts/checkout");
      expect(response.status).toBe(200);
      const page = await response.text();
      expectTimelineChart(page);
      expect([...page.matchAll(/<tr data-kind=/g)]).toHaveLength(recorded.timeline.length);
      const ms = recorded.rollbacks[0]?.breachToSafeMs ?? -1;
      expect(page).toContain(`<li class="rollback" data-ms="${ms}">`);
      expect(page).not.toContain('id="commands"');
    });

    it("tells an approver there is nothing to steer in a finished rollout, and answers 404 for an unknown one", async () => {
      const page = await (await approver.fetch("/rollouts/checkout")).text();
      expect(page).toContain("Nothing to steer: the rollout is rolled-back.");
      expect(page).not.toContain('class="act rollout-command"');
      expect((await viewer.fetch("/rollouts/nope")).status).toBe(404);
      // Signed out, a page sends the browser to sign in first.
      const anonymous = await server.fetch("/rollouts/checkout", { redirect: "manual" });
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get("location")).toBe("/sign-in?next=%2Frollouts%2Fcheckout");
    });
  });
});
