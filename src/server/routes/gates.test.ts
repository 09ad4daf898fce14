import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, listenLocally } from "../../../test/support/local-server.js";
import { waitFor } from "../../../test/support/prometheus-server.js";
import { openStore, type Store } from "../../store/index.js";
import { buildApp } from "../app.js";
import { authCache } from "../auth/auth-cache.js";
import { authenticate, issueToken } from "../auth/index.js";
import { parseServerConfig } from "../server-config.js";

/**
 * The controller endpoints with the request shapes Argo Rollouts' `web` provider (a GET, the
 * token in a header, the verdict read at `{$.verdict}`) and Flagger's webhooks (a POST of
 * `{name, namespace, phase, checksum, metadata}`) send.
 */
describe("gate endpoints for Argo Rollouts and Flagger", () => {
  let store: Store;
  let app: FastifyInstance;
  let target: LocalServer & { status: number };
  const tokens: Record<string, string> = {};
  let hashes = 0;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "gonogo-gates-"));
    const state = { status: 200 };
    target = Object.assign(
      state,
      await listenLocally(
        createServer((request, response) => {
          request.resume();
          response.writeHead(state.status).end("ok");
        }),
      ),
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
  defaults: { interval: 50ms, minSamples: 2, consecutivePasses: 2 }
  phases:
    - { name: canary, weight: 10, soak: 300ms, gates: [ { check: healthy, critical: true } ] }
    - { name: full, weight: 100, soak: 300ms, gates: [ healthy ] }
  traffic:
    set: { command: { run: "true" } }
    read: { command: { run: "echo {{weight}}" } }
`,
    );
    store = await openStore({ store: join(dir, "gonogo.db"), env: { GONOGO_USER: "tester" } });
    const now = new Date();
    for (const [name, role] of [
      ["argo", "runner"],
      ["reader", "viewer"],
    ] as const)
      tokens[name] = (
        await issueToken(store, { name, role, expiresAt: null, createdBy: "tester" }, now)
      ).token;
    const serverConfig = parseServerConfig(
      join(dir, "gonogo-server.yml"),
      "services:\n  - name: checkout\n    checklist: LAUNCH.md\n    config: gonogo.yml\n",
    );
    // The real check, counted: a controller polling a gate must not pay a scrypt hash per request.
    const counted: typeof authenticate = async (...args) => {
      hashes++;
      return authenticate(...args);
    };
    app = await buildApp(store, serverConfig, {
      tokenCheck: {
        cache: authCache({ authenticate: counted }),
        failureBudget: { max: 3, windowMs: 60_000 },
      },
    });
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await target?.close();
  });

  const argo = (path: string, token: string | undefined = tokens.argo) =>
    app.inject({ method: "GET", url: path, ...(token && { headers: { authorization: `Bearer ${token}` } }) });
  const flagger = (
    hook: string,
    checksum: string,
    metadata: Record<string, string> = { phase: "canary" },
    token = tokens.argo,
  ) =>
    app.inject({
      method: "POST",
      url: `/v1/flagger/${hook}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { name: "checkout", namespace: "shop", phase: "Progressing", checksum, metadata },
    });

  it("asks for a runner token", async () => {
    const none = await argo("/v1/gates/checkout/canary?revision=a", "");
    expect([none.statusCode, none.json().error.kind]).toEqual([401, "unauthenticated"]);
    const viewer = await argo("/v1/gates/checkout/canary?revision=a", tokens.reader);
    expect([viewer.statusCode, viewer.json().error.kind]).toEqual([403, "forbidden"]);
    const flaggerWithMetadataToken = await app.inject({
      method: "POST",
      url: "/v1/flagger/confirm-rollout",
      payload: {
        name: "checkout",
        namespace: "shop",
        phase: "Progressing",
        checksum: "zz",
        metadata: { token: tokens.argo },
      },
    });
    expect(flaggerWithMetadataToken.statusCode, flaggerWithMetadataToken.body).toBe(423);
  });

  it("answers Argo 200 pending first, then pass once soak, samples and streak are in", async () => {
    const first = await argo("/v1/gates/checkout/canary?revision=r1");
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ verdict: "pending", phase: "canary", revision: "r1" });
    const passed = await waitFor("a pass", async () => {
      const body = (await argo("/v1/gates/checkout/canary?revision=r1")).json();
      return body.verdict === "pass" ? body : undefined;
    });
    expect(passed.checks).toEqual([
      expect.objectContaining({ check: "healthy", critical: true, verdict: "pass", failures: 0 }),
    ]);
    expect(passed.checks[0].samples).toBeGreaterThanOrEqual(2);
    // Answering again changes nothing.
    expect((await argo("/v1/gates/checkout/canary?revision=r1")).json().verdict).toBe("pass");
  });

  it("answers Flagger's hooks by their own rules", async () => {
    await waitFor("a pass for r2", async () =>
      (await flagger("confirm-promotion", "r2")).statusCode === 200 ? true : undefined,
    );
    expect((await flagger("confirm-traffic-increase", "r2")).statusCode).toBe(200);
    expect((await flagger("rollout", "r2")).statusCode).toBe(200);
    expect((await flagger("pre-rollout", "r2")).statusCode).toBe(200);
    const rollback = await flagger("rollback", "r2");
    expect([rollback.statusCode, rollback.json().verdict]).toEqual([409, "pass"]);
    // A revision never seen is pending: confirm hooks wait (423), others say no (412).
    expect((await flagger("confirm-rollout", "r3")).statusCode).toBe(423);
    expect((await flagger("rollout", "r3")).statusCode).toBe(412);
    expect((await flagger("rollback", "r3")).statusCode).toBe(409);
    expect((await flagger("no-such-hook", "r2")).statusCode).toBe(404);
  });

  it("turns to fail when the gate breaks: Argo 200 fail, Flagger 412, rollback hook 200", async () => {
    target.status = 500;
    try {
      const failed = await waitFor("a fail", async () => {
        const body = (await argo("/v1/gates/checkout/canary?revision=r1")).json();
        return body.verdict === "fail" ? body : undefined;
      });
      expect(failed.reason).toMatch(/healthy \(critical\): fail/);
      await waitFor("a fail for r2", async () =>
        (await flagger("rollback", "r2")).statusCode === 200 ? true : undefined,
      );
      expect((await flagger("rollout", "r2")).statusCode).toBe(412);
      expect((await flagger("confirm-promotion", "r2")).statusCode).toBe(412);
    } finally {
      target.status = 200;
    }
  });

  it("says fail, never pass, for a rollout or phase it does not know, with 200 to Argo", async () => {
    const unknown = await argo("/v1/gates/nope/canary?revision=r1");
    expect([unknown.statusCode, unknown.json().verdict]).toEqual([200, "fail"]);
    expect(unknown.json().reason).toMatch(/no checklist named "nope"/);
    const phase = await argo("/v1/gates/checkout/blue?revision=r1");
    expect([phase.statusCode, phase.json().verdict]).toEqual([200, "fail"]);
    expect((await flagger("confirm-promotion", "r1", { phase: "blue" })).statusCode).toBe(412);
  });

  it("checks a polling controller's token once, from the API's memory of verified tokens", async () => {
    await argo("/v1/gates/checkout/canary?revision=poll");
    const before = hashes;
    // The gate went through the cache the app was given (one check for the token), not around it.
    expect(before).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++)
      expect((await argo("/v1/gates/checkout/canary?revision=poll")).statusCode).toBe(200);
    expect(hashes - before).toBe(0);
  });

  it("limits wrong tokens per address as the API does: 429 with Retry-After past the budget, before a hash", async () => {
    const argoToken = tokens.argo ?? "";
    // The right prefix with a wrong secret: each one costs the full check (a hash).
    const wrong = `${argoToken.slice(0, -4)}${argoToken.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    const from = (remoteAddress: string, token: string, url = "/v1/gates/checkout/canary?revision=a") =>
      app.inject({ method: "GET", url, remoteAddress, headers: { authorization: `Bearer ${token}` } });
    const viaFlagger = (remoteAddress: string, token: string) =>
      app.inject({
        method: "POST",
        url: "/v1/flagger/confirm-rollout",
        remoteAddress,
        payload: { name: "checkout", checksum: "a", metadata: { phase: "canary", token } },
      });
    const statuses = [
      (await from("10.1.1.1", wrong)).statusCode,
      (await viaFlagger("10.1.1.1", wrong)).statusCode,
      (await from("10.1.1.1", wrong)).statusCode,
    ];
    expect(statuses).toEqual([401, 401, 401]);
    const before = hashes;
    const refused = await from("10.1.1.1", wrong);
    expect([refused.statusCode, refused.json().error.kind]).toEqual([429, "rate-limited"]);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await viaFlagger("10.1.1.1", wrong)).statusCode).toBe(429);
    // One budget per address, whichever endpoint the guesses go to.
    const api = await app.inject({
      method: "GET",
      url: "/api/v1/checklists",
      remoteAddress: "10.1.1.1",
      headers: { authorization: `Bearer ${wrong}` },
    });
    expect(api.statusCode).toBe(429);
    expect(hashes - before).toBe(0);
    // Another address is not held back, and a token the cache holds still answers from the first.
    expect((await from("10.1.1.2", argoToken)).statusCode).toBe(200);
    expect((await from("10.1.1.1", argoToken)).statusCode).toBe(200);
  });
});
