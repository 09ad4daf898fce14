import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "../../test/support/db-context.js";
import { type LocalServer, listenLocally } from "../../test/support/local-server.js";
import { parseConfig } from "../config/index.js";
import { evaluateGatePolicy } from "./evaluate-gate.js";

describe("a gate with a baseline", () => {
  let canary: LocalServer & { status: number };
  let stable: LocalServer;
  beforeAll(async () => {
    const state = { status: 200 };
    canary = Object.assign(
      state,
      await listenLocally(
        createServer((request, response) => {
          request.resume();
          response.writeHead(state.status).end();
        }),
      ),
    );
    stable = await listenLocally(
      createServer((request, response) => {
        request.resume();
        response.writeHead(200).end();
      }),
    );
  });
  afterAll(async () => {
    await canary.close();
    await stable.close();
  });

  const loaded = (stableUrl: string) =>
    parseConfig(
      "/tmp/gonogo.yml",
      `version: 1
checks:
  canary: { item: "x", http: { url: "${canary.url}/" }, expect: [ "status < 600" ] }
  stable: { item: "x", http: { url: "${stableUrl}/" }, expect: [ "status < 600" ] }
`,
      { env: {} },
    );
  const baseline = { check: "stable", observable: "status", maxRatio: 1.5, tolerance: 0 };
  const signal = new AbortController().signal;

  it("passes within maxRatio of the baseline and fails above it, its own expectations holding", async () => {
    canary.status = 200;
    const ok = await evaluateGatePolicy(loaded(stable.url), { check: "canary", baseline }, { signal });
    expect([ok.outcome, ok.reason]).toEqual([
      "pass",
      expect.stringMatching(/status 200 vs baseline 200 × 1.5 \+ 0 = 300/),
    ]);
    canary.status = 503;
    const bad = await evaluateGatePolicy(loaded(stable.url), { check: "canary", baseline }, { signal });
    expect([bad.outcome, bad.reason]).toEqual([
      "fail",
      "status 503 vs baseline 200 × 1.5 + 0 = 300: above the baseline",
    ]);
  });

  it("is inconclusive, never a pass, when the baseline cannot be measured", async () => {
    canary.status = 200;
    const gone = await evaluateGatePolicy(
      loaded(`http://127.0.0.1:${await closedPort()}`),
      { check: "canary", baseline },
      { signal },
    );
    expect(gone.outcome).toBe("source-error");
    expect(gone.reason).toMatch(/^baseline stable: /);
    const missing = await evaluateGatePolicy(
      loaded(stable.url),
      { check: "canary", baseline: { ...baseline, observable: "nothing_here" } },
      { signal },
    );
    expect(missing.outcome).toBe("no-data");
  });
});
