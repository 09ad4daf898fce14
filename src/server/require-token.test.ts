import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../store/index.js";
import { issueToken } from "./auth/index.js";
import { installErrorReplies } from "./error-reply.js";
import { actorOf, requireToken } from "./require-token.js";

const NOW = new Date("2026-05-01T12:00:00.000Z");

describe("requireToken", () => {
  let store: Store;
  let app: FastifyInstance;
  const logged: string[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    store = await openStore({
      store: join(mkdtempSync(join(tmpdir(), "gonogo-require-token-")), "runs.db"),
      env: { GONOGO_USER: "tester" },
    });
    for (const [name, role] of [
      ["reader", "viewer"],
      ["ci", "runner"],
      ["gone", "admin"],
    ] as const)
      tokens[name] = (
        await issueToken(store, { name, role, expiresAt: null, createdBy: "tester" }, NOW)
      ).token;
    await store.revokeApiToken("gone", { at: NOW.toISOString(), actor: "tester" });
    app = Fastify({ logger: false });
    installErrorReplies(app, (line) => logged.push(line));
    await requireToken(app, store, () => NOW);
    app.get("/api/v1/things", { config: { action: "read" } }, async (request) => ({
      actor: actorOf(request.principal),
    }));
    app.post("/api/v1/things", { config: { action: "run" } }, async () => ({ ran: true }));
    // A route someone forgot to give an action: refused, never open.
    app.get("/api/v1/forgotten", async () => ({ open: true }));
    app.get("/healthz", async () => ({ ok: true }));
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const call = (method: "GET" | "POST", url: string, token?: string) =>
    app.inject({
      method,
      url,
      ...(token !== undefined && { headers: { authorization: `Bearer ${token}` } }),
    });

  it("lets a token with the role through, as token:<name>", async () => {
    const response = await call("GET", "/api/v1/things", tokens.reader);
    expect([response.statusCode, response.json()]).toEqual([200, { actor: "token:reader" }]);
    expect((await call("POST", "/api/v1/things", tokens.ci)).statusCode).toBe(200);
  });

  it("answers 401 with WWW-Authenticate without a token, or with a revoked one", async () => {
    const missing = await call("GET", "/api/v1/things");
    expect(missing.statusCode).toBe(401);
    expect(missing.headers["www-authenticate"]).toBe("Bearer");
    expect(missing.json().error.kind).toBe("unauthenticated");
    const revoked = await call("GET", "/api/v1/things", tokens.gone);
    expect([revoked.statusCode, revoked.json().error.message]).toEqual([
      401,
      `API token "gone" was revoked at ${NOW.toISOString()}`,
    ]);
    expect(revoked.body).not.toContain(tokens.gone);
  });

  it("answers 403 with decide's reason when the role is too low", async () => {
    const response = await call("POST", "/api/v1/things", tokens.reader);
    expect([response.statusCode, response.json()]).toEqual([
      403,
      { error: { kind: "forbidden", message: "run needs the runner role; this token is viewer" } },
    ]);
  });

  it("refuses an API route that declares no action (a bug: it fails closed), and leaves the rest open", async () => {
    const response = await call("GET", "/api/v1/forgotten", tokens.ci);
    expect(response.statusCode).toBe(500);
    expect(logged.join("\n")).toContain("route GET /api/v1/forgotten declares no action");
    expect(logged.join("\n")).not.toContain(tokens.ci);
    expect((await call("GET", "/healthz")).statusCode).toBe(200);
  });
});
