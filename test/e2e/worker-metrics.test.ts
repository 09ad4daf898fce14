import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresAdmin, uniqueName } from "../support/db-context.js";
import { type RunningCli, runCli, startCli } from "../support/run-cli.js";
import { createToken, type ServeProcess, startServe } from "../support/serve-process.js";

/**
 * A `gonogo worker --metrics-port` on real Postgres behind `gonogo serve --no-work`: the worker
 * that runs a job observes its pickup latency, its checks and its run on its own /metrics.
 */
describe("gonogo worker --metrics-port", () => {
  const database = uniqueName("gonogo_worker_metrics");
  const store = `postgres://postgres@127.0.0.1:5432/${database}`;
  let target: Server;
  let config: string;
  let server: ServeProcess;
  let worker: RunningCli;
  let metricsUrl: string;
  let token: string;

  beforeAll(async () => {
    target = createServer((_request, response) => response.end("ok\n"));
    await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
    const dir = mkdtempSync(join(tmpdir(), "gonogo-worker-metrics-"));
    mkdirSync(join(dir, "orders"));
    writeFileSync(join(dir, "orders", "LAUNCH.md"), "# Orders\n\n- [ ] Health answers\n");
    writeFileSync(
      join(dir, "orders", "gonogo.yml"),
      [
        "version: 1",
        `targets: { api: { url: "http://127.0.0.1:${(target.address() as AddressInfo).port}" } }`,
        "checks:",
        '  health: { item: "Health answers", http: { target: api, path: /health }, expect: ["status == 200"] }',
        "",
      ].join("\n"),
    );
    config = join(dir, "gonogo-server.yml");
    writeFileSync(
      config,
      "services:\n  - { name: orders, checklist: orders/LAUNCH.md }\njobs: { poll_interval: 500ms }\n",
    );
    await postgresAdmin(`CREATE DATABASE ${database}`);
    const migrated = await runCli(["migrate", "--store", store]);
    expect(migrated.code, migrated.stderr).toBe(0);
    token = await createToken(store, "ci", "runner");
    server = await startServe(["--config", config, "--store", store, "--no-work"]);
    worker = startCli(["worker", "--config", config, "--store", store, "--metrics-port", "0"]);
    let stderr = "";
    worker.child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    await worker.waitForStderr(/worker ready.*metrics on http:\/\/\S+\n/);
    metricsUrl = /metrics on (http:\/\/\S+)\n/.exec(stderr)?.[1] ?? "";
  });

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill("SIGTERM");
      await worker.finished;
    }
    await server?.stop();
    await new Promise((resolve) => target?.close(resolve));
    await postgresAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it("serves the pickup latency, check durations and runs of the jobs it ran, on 127.0.0.1", async () => {
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const before = await (await fetch(metricsUrl)).text();
    expect(before).toContain("# TYPE gonogo_job_pickup_latency_seconds histogram");
    expect(before).not.toMatch(/^gonogo_job_pickup_latency_seconds_count/m);

    const ran = await server.fetchAs(token, "/api/v1/checklists/orders/runs", { method: "POST" });
    expect(ran.status, await ran.clone().text()).toBe(201);
    expect(((await ran.json()) as { verdict: string }).verdict).toBe("GO");

    const after = await (await fetch(metricsUrl)).text();
    expect(after).toMatch(/^gonogo_job_pickup_latency_seconds_count\{queue="gonogo-verify"\} 1$/m);
    expect(after).toMatch(/^gonogo_check_duration_seconds_count\{probe="http",status="pass"\} 1$/m);
    expect(after).toMatch(/^gonogo_runs_total\{checklist="orders",verdict="GO"\} 1$/m);
    expect(after).toMatch(/^process_cpu_seconds_total \d/m);
    // Counted where the job ran, not on the server that queued it.
    const served = await (await server.fetch("/metrics")).text();
    expect(served).not.toMatch(/^gonogo_runs_total\{checklist="orders"/m);

    expect((await fetch(metricsUrl.replace(/\/metrics$/, "/"))).status).toBe(404);
  });

  it("refuses a --metrics-port that is not a port, naming it (exit 2)", async () => {
    const run = await runCli(["worker", "--config", config, "--store", store, "--metrics-port", "http"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--metrics-port http: a port number");
  });
});
