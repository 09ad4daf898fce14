import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, listenLocally } from "../../test/support/local-server.js";
import { waitFor } from "../../test/support/prometheus-server.js";
import { CLI_STORE_BACKENDS, useFreshStore } from "../../test/support/store-backends.js";
import type { Store } from "../store/index.js";
import { buildApp } from "./app.js";
import { issueToken } from "./auth/index.js";
import { parseServerConfig } from "./server-config.js";

/**
 * Two server processes behind one load balancer (two apps, each with its own connection to one
 * store): Argo Rollouts polls whichever answers, so both must answer from one soak start and one
 * tally, and an evaluation is counted once, not once per process.
 */
describe.each(CLI_STORE_BACKENDS)("gate tallies shared by server processes ($name)", (backend) => {
  const fresh = useFreshStore(backend);
  let other: Store;
  let apps: FastifyInstance[] = [];
  let target: LocalServer;
  let hits = 0;
  let token = "";

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "gonogo-gate-shared-"));
    target = await listenLocally(
      createServer((request, response) => {
        hits++;
        request.resume();
        response.writeHead(200).end("ok");
      }),
    );
    writeFileSync(join(dir, "LAUNCH.md"), "# Launch\n\n- [ ] Health endpoint returns 200\n");
    writeFileSync(
      join(dir, "gonogo.yml"),
      `version: 1
checks:
  healthy:
    item: "Health endpoint returns 200"
    http: { url: "${target.url}/health" }
    expect: [ "status == 200" ]
rollout:
  defaults: { interval: 100ms, minSamples: 3, consecutivePasses: 3 }
  phases:
    - { name: canary, weight: 10, soak: 1s, gates: [ healthy ] }
  traffic:
    set: { command: { run: "true" } }
    read: { command: { run: "echo {{weight}}" } }
`,
    );
    token = (
      await issueToken(
        fresh.store,
        { name: "argo", role: "runner", expiresAt: null, createdBy: "tester" },
        new Date(),
      )
    ).token;
    const serverConfig = parseServerConfig(
      join(dir, "gonogo-server.yml"),
      "services:\n  - name: checkout\n    checklist: LAUNCH.md\n    config: gonogo.yml\n",
    );
    other = await fresh.open();
    apps = [await buildApp(fresh.store, serverConfig), await buildApp(other, serverConfig)];
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await other?.close();
    await target?.close();
  });

  const gate = async (app: FastifyInstance | undefined, revision: string) => {
    const answer = await app?.inject({
      method: "GET",
      url: `/v1/gates/checkout/canary?revision=${revision}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer?.statusCode).toBe(200);
    return answer?.json() as { verdict: string; checks: { samples: number }[] };
  };

  it("a process asked for the first time answers from the soak and tally the other began", async () => {
    const [first, second] = apps;
    expect((await gate(first, "r1")).verdict).toBe("pending");
    await waitFor("the first process to say pass", async () =>
      (await gate(first, "r1")).verdict === "pass" ? true : undefined,
    );
    // The second process never saw r1: per-process state would start its soak now (pending).
    const answer = await gate(second, "r1");
    expect(answer.verdict).toBe("pass");
    expect(answer.checks[0]?.samples).toBeGreaterThanOrEqual(3);
  });

  it("counts each evaluation once, whichever process made it", async () => {
    const [first, second] = apps;
    const stored = async (revision: string) => {
      const key = JSON.stringify(["checkout", "canary", revision]);
      const state = (await fresh.store.openGateState(key, { at: new Date().toISOString(), state: {} }))
        .state as { counters?: Record<string, { samples: number }> };
      return state.counters?.healthy?.samples ?? 0;
    };
    // Both poll (each request may start an evaluation) until a few are counted.
    await waitFor("evaluations from both processes", async () => {
      await gate(first, "r2");
      await gate(second, "r2");
      return (await stored("r2")) >= 4 ? true : undefined;
    });
    // Polling stopped: once the last evaluation is in, every request the target saw (for r1 in the
    // test before and for r2 here) is one sample, counted by one process.
    await waitFor("the tallies to match what the target saw", async () =>
      (await stored("r1")) + (await stored("r2")) === hits ? true : undefined,
    );
    const counted = await stored("r2");
    for (const app of [first, second])
      await waitFor("each process to answer with the shared tally", async () =>
        ((await gate(app, "r2")).checks[0]?.samples ?? 0) >= counted ? true : undefined,
      );
  });
});
