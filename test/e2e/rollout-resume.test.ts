import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FlagService, startFlagService } from "../support/flag-service.js";
import { type LocalServer, listenLocally } from "../support/local-server.js";
import { waitFor } from "../support/prometheus-server.js";
import { runCli, startCli } from "../support/run-cli.js";

/** The built `gonogo rollout` as people use it: killed and started again, steered from another shell. */
describe("gonogo rollout across processes", () => {
  let app: LocalServer;
  let flags: FlagService;
  let dir: string;
  let config: string;

  beforeAll(async () => {
    app = await listenLocally(
      createServer((request, response) => {
        request.resume();
        response.writeHead(200).end("ok");
      }),
    );
    flags = await startFlagService();
    dir = mkdtempSync(join(tmpdir(), "gonogo-rollout-resume-"));
    config = join(dir, "gonogo.yml");
    writeFileSync(
      config,
      `version: 1
checks:
  healthy:
    item: "Health endpoint returns 200"
    http: { url: "${app.url}/health" }
    expect: [ "status == 200" ]
rollout:
  name: web
  defaults: { interval: 200ms, minSamples: 2, consecutivePasses: 2 }
  phases:
    - { name: canary, weight: 10, soak: 1s, gates: [ healthy ] }
    - { name: half, weight: 50, soak: 6s, gates: [ healthy ] }
    - { name: full, weight: 100, soak: 1s, gates: [ healthy ] }
  traffic:
    set: { http: { method: PUT, url: "${flags.url}/api/flags/web", body: '{"percentage": {{weight}}}' } }
    read: { http: { method: GET, url: "${flags.url}/api/flags/web", field: percentage } }
`,
    );
  });

  afterAll(async () => {
    await app?.close();
    await flags?.close();
  });

  it("resumes a killed process's soak from its start, after its lease, and repeats no action", async () => {
    const store = join(dir, "resume.db");
    const first = startCli([
      "rollout",
      "start",
      config,
      "--store",
      store,
      "--revision",
      "r1",
      "--lease",
      "15",
    ]);
    await first.waitForStderr(/soak of half starts/);
    first.child.kill("SIGKILL");
    await first.finished;
    const before = JSON.parse(
      (await runCli(["rollout", "status", config, "--store", store, "--json"])).stdout,
    );
    expect(before, JSON.stringify(before).slice(0, 600)).toMatchObject({
      status: "progressing",
      phase: "half",
      wantedWeight: 50,
      readWeight: 50,
    });
    expect(before.soakStartedAt).not.toBeNull();

    // Its lease still runs (15s: a spawned gonogo takes a few seconds to start on a busy machine): nobody else may act yet.
    const refused = await runCli(["rollout", "start", config, "--store", store, "--revision", "r1"]);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/being driven by .* \(lease until/);

    await waitFor(
      "the killed process's lease to run out",
      async () => {
        const status = JSON.parse(
          (await runCli(["rollout", "status", config, "--store", store, "--json"])).stdout,
        );
        return Date.parse(status.lease.until) < Date.now() ? true : undefined;
      },
      30_000,
    );
    const second = await runCli(["rollout", "start", config, "--store", store, "--revision", "r1"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`phase half, progressing, soak since ${before.soakStartedAt}`);
    expect(second.stderr).not.toMatch(/set weight 50/);
    expect(flags.writes.filter((w) => w.name === "web").map((w) => w.percentage)).toEqual([10, 50, 100]);
    const after = JSON.parse(
      (await runCli(["rollout", "status", config, "--store", store, "--json"])).stdout,
    );
    expect(after).toMatchObject({ status: "succeeded", readWeight: 100 });
  }, 60_000);

  it("takes a person's abort from another shell: the driving process rolls back", async () => {
    const store = join(dir, "abort.db");
    // A canary soak no busy machine outlasts: the rollout cannot end before the abort comes.
    const steered = join(dir, "steered", "gonogo.yml");
    mkdirSync(dirname(steered));
    writeFileSync(steered, readFileSync(config, "utf8").replace("soak: 1s, gates", "soak: 10m, gates"));
    const driving = startCli(["rollout", "start", steered, "--store", store, "--revision", "r2"]);
    await driving.waitForStderr(/soak of canary starts/);
    const abort = await runCli(["rollout", "abort", steered, "--store", store, "--by", "ana"]);
    expect(abort.code, abort.stderr).toBe(0);
    expect(abort.stderr).toMatch(/abort recorded for .*, which drives web/);
    const result = await driving.finished;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/rolling back to weight 0: aborted by ana/);
    expect(result.stderr).toMatch(/rollout web: rolled-back/);
    const status = await runCli(["rollout", "status", steered, "--store", store]);
    expect(status.stdout).toMatch(/command abort by ana/);
    expect(status.stdout).toMatch(/rollback at .*: breach to safe weight read back in/);
  }, 60_000);
});
