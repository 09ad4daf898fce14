import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FlagService, startFlagService } from "../support/flag-service.js";
import { type LocalServer, listenLocally } from "../support/local-server.js";
import {
  PROMETHEUS_INSTALLED,
  type RunningPrometheus,
  startPrometheus,
  waitFor,
} from "../support/prometheus-server.js";
import { runCli, startCli } from "../support/run-cli.js";
import { createUnleashFlag } from "../support/unleash-flag.js";

const INTERVAL_MS = 500;
const ERROR_RATIO = "sum(rate(app_errors_total[3s])) / sum(rate(app_requests_total[3s]))";

/**
 * An app under rollout: it counts its own requests and errors (100 requests a second, `errorRate`
 * of them failing) and exposes them to Prometheus at /metrics.
 */
async function startApp(): Promise<LocalServer & { errorRate: number }> {
  const app = { errorRate: 0 };
  let requests = 0;
  let errors = 0;
  let carry = 0;
  const timer = setInterval(() => {
    requests += 10;
    carry += 10 * app.errorRate;
    const whole = Math.floor(carry);
    errors += whole;
    carry -= whole;
  }, 100);
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
    response.end(
      `# TYPE app_requests_total counter\napp_requests_total ${requests}\n# TYPE app_errors_total counter\napp_errors_total ${errors}\n`,
    );
  });
  const local = await listenLocally(server);
  return Object.assign(app, local, {
    close: async () => {
      clearInterval(timer);
      await local.close();
    },
  });
}

/**
 * Where the percentage lives: the small flag service of test/support by default, or a real Unleash
 * when GONOGO_UNLEASH_URL names one. Both are set and read back over their HTTP admin APIs.
 */
interface FlagBackend {
  traffic: string;
  percentage(): Promise<number>;
  /** The percentages written, in order, when the backend can tell (the small flag service). */
  writes(): number[] | null;
  close(): Promise<void>;
}

async function startFlagBackend(): Promise<FlagBackend> {
  const unleash = process.env.GONOGO_UNLEASH_URL;
  if (unleash) {
    const flag = await createUnleashFlag(unleash, process.env.GONOGO_UNLEASH_TOKEN);
    const headers = JSON.stringify(flag.headers);
    return {
      traffic: `    set: { http: { method: PUT, url: "${flag.strategyUrl}", headers: ${headers}, body: '${flag.body}' } }
    read: { http: { method: GET, url: "${flag.strategyUrl}", headers: ${headers}, field: ${flag.field} } }`,
      percentage: () => flag.percentage(),
      writes: () => null,
      close: async () => {},
    };
  }
  const flags: FlagService = await startFlagService();
  return {
    traffic: `    set: { http: { method: PUT, url: "${flags.url}/api/flags/checkout", body: '{"percentage": {{weight}}}' } }
    read: { http: { method: GET, url: "${flags.url}/api/flags/checkout", field: percentage } }`,
    percentage: async () => flags.percentage("checkout") ?? 0,
    writes: () => flags.writes.map((w) => w.percentage),
    close: () => flags.close(),
  };
}

describe.skipIf(!PROMETHEUS_INSTALLED)(
  "gonogo rollout against a real Prometheus and a real flag service",
  () => {
    let app: Awaited<ReturnType<typeof startApp>>;
    let prometheus: RunningPrometheus;
    let flags: FlagBackend;
    let dir: string;

    beforeAll(async () => {
      app = await startApp();
      flags = await startFlagBackend();
      prometheus = await startPrometheus({ jobs: { app: [`127.0.0.1:${app.port}`] } });
      dir = mkdtempSync(join(tmpdir(), "gonogo-rollout-e2e-"));
      writeFileSync(
        join(dir, "gonogo.yml"),
        `version: 1
targets:
  prom: { url: "${prometheus.url}" }
checks:
  error-rate:
    item: "Error rate below 5%"
    promql: { target: prom, query: '${ERROR_RATIO}' }
    expect: [ "samples > 0", "value < 0.05" ]
rollout:
  name: checkout
  defaults: { interval: ${INTERVAL_MS}ms, minSamples: 3, consecutivePasses: 3, onNoData: hold }
  phases:
    - { name: canary, weight: 10, soak: 2s, gates: [ { check: error-rate, critical: true } ] }
    - { name: half, weight: 50, soak: 20s, gates: [ { check: error-rate, critical: true } ] }
    - { name: full, weight: 100, soak: 2s, gates: [ error-rate ] }
  traffic:
${flags.traffic}
  rollback: { retries: 3, backoff: 100ms }
`,
      );
      // The gate needs two scrapes in its window before it has data: start once Prometheus has them.
      await waitFor("the error ratio in Prometheus", async () => {
        const data = (await prometheus.api("query", { query: ERROR_RATIO })) as
          | { result: unknown[] }
          | undefined;
        return (data?.result.length ?? 0) > 0 ? true : undefined;
      });
    }, 30_000);

    afterAll(async () => {
      await prometheus?.stop();
      await app?.close();
      await flags?.close();
    });

    it("advances while healthy, rolls back within one gate interval of the breach, and the flag reads 0", async () => {
      const config = join(dir, "gonogo.yml");
      const store = join(dir, "rollout.db");
      const run = startCli(["rollout", "start", config, "--store", store, "--revision", "v2"]);
      // Healthy: the canary passes its soak and the rollout moves to 50%.
      await run.waitForStderr(/phase half: progressing \(weight 50\)/);
      await waitFor("the flag at 50", async () => ((await flags.percentage()) === 50 ? true : undefined));
      await run.waitForStderr(/soak of half starts/);
      const raisedAt = Date.now();
      app.errorRate = 0.5;
      const result = await run.finished;
      if (process.env.ROLLOUT_E2E_DEBUG) process.stderr.write(result.stderr);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/rollout checkout: rolled-back/);
      // Read from the flag system itself, not from gonogo's record.
      expect(await flags.percentage()).toBe(0);
      expect(flags.writes() ?? [10, 50, 0]).toEqual([10, 50, 0]);

      const status = await runCli(["rollout", "status", config, "--store", store, "--json"]);
      expect(status.code, status.stderr).toBe(0);
      const body = JSON.parse(status.stdout);
      expect(body).toMatchObject({ name: "checkout", revision: "v2", status: "rolled-back", readWeight: 0 });
      type Entry = { at: string; kind: string; detail: Record<string, unknown> };
      const timeline: Entry[] = body.timeline;
      const sets = timeline.filter((e) => e.kind === "action-started").map((e) => e.detail.weight);
      expect(sets).toEqual([10, 50, 0]);
      expect(body.rollbacks).toHaveLength(1);
      expect(body.rollbacks[0].breachToSafeMs).toBeLessThan(1000);
      const kinds = new Set(timeline.map((e) => e.kind));
      for (const kind of ["phase", "gate", "action-started", "action-done", "rolled-back"])
        expect(kinds).toContain(kind);
      const failing = timeline.find((e) => e.kind === "gate" && e.detail.outcome === "fail");
      expect(failing?.detail.reason).toMatch(/value < 0.05/);
      const safeAt = Date.parse(timeline.find((e) => e.kind === "rolled-back")?.at ?? "");

      // When Prometheus first showed the breach: the first point of the ratio at 5% or more.
      const range = (await prometheus.api("query_range", {
        query: ERROR_RATIO,
        start: String(raisedAt / 1000 - 1),
        end: String(Date.now() / 1000),
        step: "0.1",
      })) as { result: { values: [number, string][] }[] };
      const firstBreach = range.result[0]?.values.find(([, v]) => Number(v) >= 0.05)?.[0];
      expect(firstBreach).toBeDefined();
      const breachToSafeMs = safeAt - (firstBreach ?? 0) * 1000;
      // Within one gate interval, plus one query to Prometheus and the flag calls (each well under 500ms here).
      expect(breachToSafeMs).toBeLessThan(INTERVAL_MS + 1000);

      const text = await runCli(["rollout", "status", config, "--store", store]);
      expect(text.stdout).toMatch(/rollback at .*: breach to safe weight read back in \d+ms/);
      process.stderr.write(
        `rollout e2e (${process.env.GONOGO_UNLEASH_URL ? "Unleash" : "test flag service"}): Prometheus breach -> 0 read back: ${breachToSafeMs}ms; gate breach -> 0 read back: ${body.rollbacks[0].breachToSafeMs}ms; error raised -> 0 read back: ${safeAt - raisedAt}ms\n`,
      );
    }, 60_000);
  },
);
