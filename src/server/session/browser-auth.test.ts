import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../store/index.js";
import { buildApp } from "../app.js";
import { issueToken } from "../auth/index.js";
import { parseServerConfig } from "../server-config.js";
import { hashSessionId } from "./session-id.js";

const NOW = new Date("2026-05-01T12:00:00.000Z");

const SERVER_CONFIG = [
  "services: []",
  "auth:",
  "  session_hours: 2",
  "  trusted_proxies: [10.0.0.0/8, '::1']",
  "  users:",
  "    ana@example.com: { role: approver, signoff_roles: [Security Lead] }",
].join("\n");

/** The cookies a response sets, by name: value and attributes as sent. */
function setCookies(headers: Record<string, unknown>): Map<string, string> {
  const raw = headers["set-cookie"];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [String(raw)];
  return new Map(list.map((line: string) => [line.slice(0, line.indexOf("=")), line]));
}

const cookieValue = (line: string | undefined) => line?.slice(line.indexOf("=") + 1).split(";")[0] ?? "";

describe("browser sign-in", () => {
  let store: Store;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    store = await openStore({
      store: join(mkdtempSync(join(tmpdir(), "gonogo-browser-auth-")), "runs.db"),
      env: { GONOGO_USER: "tester" },
    });
    token = (
      await issueToken(store, { name: "vera", role: "viewer", expiresAt: null, createdBy: "tester" }, NOW)
    ).token;
    app = await buildApp(store, parseServerConfig("/srv/gonogo-server.yml", SERVER_CONFIG), {
      now: () => NOW,
    });
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  /** The sign-in page's CSRF token and the secret cookie that goes with it. */
  async function signInForm(): Promise<{ csrf: string; cookie: string }> {
    const page = await app.inject({ method: "GET", url: "/sign-in" });
    expect(page.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const secret = setCookies(page.headers).get("_csrf");
    expect(secret).toMatch(/HttpOnly/);
    return { csrf, cookie: `_csrf=${cookieValue(secret)}` };
  }

  const post = (form: { csrf: string; cookie: string }, fields: Record<string, string>) =>
    app.inject({
      method: "POST",
      url: "/sign-in",
      headers: { cookie: form.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(fields).toString(),
    });

  it("opens a session for a good token: an HttpOnly, SameSite=Lax cookie whose hash alone is stored", async () => {
    const form = await signInForm();
    const response = await post(form, { _csrf: form.csrf, token, next: "/checklists/orders" });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/checklists/orders");
    const line = setCookies(response.headers).get("gonogo_session") ?? "";
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).not.toMatch(/Secure/); // plain http here; over https the cookie says Secure
    expect(line).toContain("Expires=Fri, 01 May 2026 14:00:00 GMT");
    const id = cookieValue(line);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.findSession(hashSessionId(id), NOW.toISOString())).toMatchObject({
      idHash: hashSessionId(id),
    });
    expect(await store.findSession(id, NOW.toISOString())).toBeUndefined();
    const api = await app.inject({
      method: "GET",
      url: "/api/v1/checklists",
      headers: { cookie: `gonogo_session=${id}` },
    });
    expect(api.statusCode).toBe(200);
  });

  it("refuses a bad token (401, the form again with why), a form without its CSRF token (403), and a foreign next", async () => {
    const form = await signInForm();
    const presented = `${token.slice(0, 13)}${"x".repeat(token.length - 13)}`;
    const bad = await post(form, { _csrf: form.csrf, token: presented });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toContain("unknown API token");
    expect(bad.body).not.toContain(presented); // a mistyped token is not echoed into the page
    expect(setCookies(bad.headers).has("gonogo_session")).toBe(false);
    const noCsrf = await post(form, { token });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.kind).toBe("forbidden");
    const elsewhere = await post(form, { _csrf: form.csrf, token, next: "//evil.example/" });
    expect(elsewhere.headers.location).toBe("/");
  });

  it("marks cookies Secure when a trusted proxy says the browser came over https, and only then", async () => {
    const secureFrom = async (remoteAddress: string) => {
      const headers = { "x-forwarded-proto": "https" };
      const page = await app.inject({ method: "GET", url: "/sign-in", remoteAddress, headers });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      const secret = setCookies(page.headers).get("_csrf") ?? "";
      const signedIn = await app.inject({
        method: "POST",
        url: "/sign-in",
        remoteAddress,
        headers: {
          ...headers,
          cookie: `_csrf=${cookieValue(secret)}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams({ _csrf: csrf, token }).toString(),
      });
      expect(signedIn.statusCode).toBe(303);
      const session = setCookies(signedIn.headers).get("gonogo_session") ?? "";
      return [/; Secure/.test(secret), /; Secure/.test(session)];
    };
    expect(await secureFrom("10.0.0.9")).toEqual([true, true]);
    expect(await secureFrom("192.0.2.1")).toEqual([false, false]);
  });

  it("ends a session when its token is revoked", async () => {
    const other = await issueToken(
      store,
      { name: "temp", role: "viewer", expiresAt: null, createdBy: "tester" },
      NOW,
    );
    const form = await signInForm();
    const id = cookieValue(
      setCookies((await post(form, { _csrf: form.csrf, token: other.token })).headers).get("gonogo_session"),
    );
    const cookie = `gonogo_session=${id}`;
    expect((await app.inject({ method: "GET", url: "/", headers: { cookie } })).statusCode).toBe(200);
    await store.revokeApiToken("temp", { at: NOW.toISOString(), actor: "tester" });
    const after = await app.inject({ method: "GET", url: "/", headers: { cookie } });
    expect([after.statusCode, after.headers.location]).toEqual([303, "/sign-in?next=%2F"]);
  });

  it("believes the proxy's user header from a trusted address or subnet only", async () => {
    const as = (remoteAddress: string, user = "ana@example.com") =>
      app.inject({
        method: "GET",
        url: "/api/v1/checklists",
        remoteAddress,
        headers: { "x-forwarded-email": user },
      });
    expect((await as("10.20.30.40")).statusCode).toBe(200);
    expect((await as("::ffff:10.0.0.5")).statusCode).toBe(200);
    expect((await as("::1")).statusCode).toBe(200);
    expect((await as("11.0.0.1")).statusCode).toBe(401);
    expect((await as("127.0.0.1")).statusCode).toBe(401);
    const stranger = await as("10.0.0.1", "mallory@example.com");
    expect(stranger.statusCode).toBe(403);
    // Health stays open and never reads the header.
    const health = await app.inject({
      method: "GET",
      url: "/healthz",
      remoteAddress: "10.0.0.1",
      headers: { "x-forwarded-email": "mallory@example.com" },
    });
    expect(health.statusCode).toBe(200);
  });
});
