import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, listenLocally } from "../../../test/support/local-server.js";
import { type ContextOptions, probeContext } from "../../../test/support/probe-context.js";
import { createRedactor } from "../../redact/create-redactor.js";
import httpProbe from "./index.js";
import { run as runHttp } from "./runner.js";

const SECURE_HEADERS = {
  "strict-transport-security": "max-age=31536000",
  "content-security-policy": "default-src 'self'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

// Well-known example credentials from vendor docs: secret-shaped, but they unlock nothing.
const LEAKY_BODY = [
  "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
  "DATABASE_URL=postgres://app:s3cr3t-pw@db.internal:5432/app",
  '{"db_password": "correct-horse-battery-staple"}',
  "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq98U8DJ6rS2AiGXCYJWSNdG8z0\n-----END RSA PRIVATE KEY-----",
  "token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  "password: null",
].join("\n");

const HEALTH = { status: "ok", version: "1.4.2", data: [{ id: 7, tags: ["a", "b"] }], empty: null };

function route(request: IncomingMessage, response: ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const path = request.url ?? "/";
    if (path === "/health") {
      response.writeHead(200, { "content-type": "application/json", ...SECURE_HEADERS });
      response.end(JSON.stringify(HEALTH));
    } else if (path === "/old") {
      response.writeHead(301, { location: "/moved" }).end();
    } else if (path === "/moved") {
      response.writeHead(302, { location: "/health" }).end();
    } else if (path === "/echo") {
      const echo = {
        method: request.method,
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(echo));
    } else if (path === "/submit") {
      response.writeHead(303, { location: "/echo" }).end();
    } else if (path === "/leak") {
      response.writeHead(200, { "x-debug-token": `ghp_${"A1b2C3d4E5".repeat(4)}` }).end(LEAKY_BODY);
    } else if (path === "/away") {
      response.writeHead(307, { location: `${other.url}/echo` }).end();
    } else if (path === "/loop") {
      response.writeHead(302, { location: "/loop" }).end();
    } else if (path === "/big") {
      response.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(3 * 1024 * 1024));
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("not here");
    }
  });
}

let server: LocalServer;
let other: LocalServer;
const run = (config: Record<string, unknown>, context: ContextOptions = {}) =>
  runHttp(
    httpProbe.configSchema.parse(config),
    probeContext({ targets: { api: { url: server.url } }, ...context }),
  );

beforeAll(async () => {
  server = await listenLocally(createServer(route));
  other = await listenLocally(createServer(route));
});
afterAll(() => Promise.all([server.close(), other.close()]));

describe("http probe against a normal server", () => {
  it("observes status, latency, size, body and the JSON fields asked for", async () => {
    const result = await run(
      { target: "api", path: "/health" },
      {
        requested: [
          "json.status",
          "json.data[0].id",
          "json.data[0].tags",
          "json.empty",
          "header.Content-Type",
        ],
      },
    );
    const body = JSON.stringify(HEALTH);
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({
      status: 200,
      size: { value: body.length, unit: "B" },
      body,
      redirect: null,
      secrets: 0,
      security_headers: [],
      "json.status": "ok",
      "json.data[0].id": 7,
      "json.data[0].tags": ["a", "b"],
      "json.empty": null,
      "header.Content-Type": "application/json",
    });
    const latency = result.observations.latency as { value: number; unit: string };
    expect(latency.unit).toBe("ms");
    expect(latency.value).toBeGreaterThan(0);
    expect(latency.value).toBeLessThan(2000);
    expect(result.evidence).toMatchObject({
      method: "GET",
      url: `${server.url}/health`,
      status: 200,
      truncated: false,
    });
  });

  it("leaves a missing JSON field or header absent, and says why", async () => {
    const result = await run(
      { target: "api", path: "/health" },
      { requested: ["json.nope", "json.data[3].id", "header.x-missing"] },
    );
    expect(result.observations).not.toHaveProperty("json.nope");
    expect(result.observations).not.toHaveProperty("json.data[3].id");
    expect(result.observations).not.toHaveProperty("header.x-missing");
    expect(result.evidence?.absent).toEqual({
      "json.nope": 'json has no field "nope"',
      "json.data[3].id": "json.data has 1 element(s), no index 3",
      "header.x-missing": 'header "x-missing" was not sent',
    });
  });

  it("makes json.* absent when the body is not JSON", async () => {
    const result = await run({ target: "api", path: "/nowhere" }, { requested: ["json.status"] });
    expect(result.observations).toMatchObject({ status: 404, body: "not here" });
    expect(result.observations).not.toHaveProperty("json.status");
    expect(result.evidence?.absent).toEqual({ "json.status": expect.stringMatching(/^body is not JSON: /) });
  });

  it("lists the missing security headers by their short names", async () => {
    const result = await run({ target: "api", path: "/nowhere" });
    expect(result.observations.security_headers).toEqual([
      "HSTS",
      "CSP",
      "X-Content-Type-Options",
      "X-Frame-Options",
      "Referrer-Policy",
    ]);
  });

  it("reports the Location of a redirect without following it by default", async () => {
    const result = await run({ target: "api", path: "/old" });
    expect(result.observations).toMatchObject({ status: 301, redirect: "/moved" });
  });

  it("follows redirects when asked, reporting the final URL and the chain", async () => {
    const result = await run(
      { target: "api", path: "/old", follow_redirects: true },
      { requested: ["json.status"] },
    );
    expect(result.observations).toMatchObject({
      status: 200,
      redirect: `${server.url}/health`,
      "json.status": "ok",
    });
    expect(result.evidence?.redirects).toEqual([
      { url: `${server.url}/old`, status: 301, location: "/moved" },
      { url: `${server.url}/moved`, status: 302, location: "/health" },
    ]);
  });

  it("gives up on a redirect loop after 10 hops", async () => {
    const result = await run({ target: "api", path: "/loop", follow_redirects: true });
    expect(result.error).toBe(`GET ${server.url}/loop: more than 10 redirects`);
    expect(result.evidence?.redirects).toHaveLength(11);
  });

  it("sends method, merged headers and a JSON body; a 303 turns the POST into a GET", async () => {
    const targets = {
      api: { url: `${server.url}/`, headers: { Authorization: "Bearer t", "X-Team": "sre" } },
    };
    const config = { target: "api", path: "echo", json: { a: 1 }, headers: { "x-team": "platform" } };
    const echoed = await run(config, { targets, requested: ["json.method", "json.headers", "json.body"] });
    expect(echoed.observations).toMatchObject({ "json.method": "POST", "json.body": '{"a":1}' });
    expect(JSON.parse(echoed.observations["json.headers"] as string)).toMatchObject({
      authorization: "Bearer t",
      "x-team": "platform",
      "content-type": "application/json",
    });
    const redirected = await run(
      { target: "api", path: "/submit", method: "post", body: "x=1", follow_redirects: true },
      { requested: ["json.method", "json.body"] },
    );
    expect(redirected.observations).toMatchObject({ status: 200, "json.method": "GET", "json.body": "" });
  });

  it("turns URL credentials into basic auth and never prints the password", async () => {
    const url = server.url.replace("://", "://ops:hunter2@");
    const result = await run({ url: `${url}/echo` }, { targets: {}, requested: ["json.headers"] });
    const headers = JSON.parse(result.observations["json.headers"] as string) as Record<string, string>;
    expect(headers.authorization).toBe(`Basic ${Buffer.from("ops:hunter2").toString("base64")}`);
    expect(result.evidence?.url).toBe(`${url.replace("hunter2", "****")}/echo`);
    expect(JSON.stringify(result)).not.toContain("hunter2");
  });

  it("counts secret-looking strings in headers and body, lists them redacted, and leaves the body raw for expectations", async () => {
    const result = await run({ target: "api", path: "/leak" });
    // The body is observed as received (`body !contains "AKIA..."` must see the key); the engine
    // masks it, with the same redactor, before anything reports or stores it.
    expect(result.observations.body).toContain("AKIAIOSFODNN7EXAMPLE");
    expect(result.observations.secrets).toBe(6);
    expect(result.evidence?.secrets).toEqual([
      { kind: "github-token", where: "header x-debug-token", match: "ghp_************d4E5" },
      { kind: "aws-access-key", where: "body", match: "AKIA************MPLE" },
      { kind: "url-password", where: "body", match: "postgres://app:********" },
      { kind: "credential-assignment", where: "body", match: 'password": "********' },
      { kind: "private-key", where: "body", match: "----************----" },
      { kind: "jwt", where: "body", match: "eyJh************sR8U" },
    ]);
    const shown = JSON.stringify(createRedactor([])(result));
    for (const secret of [
      "IOSFODNN7",
      "s3cr3t-pw",
      "horse-battery",
      "MIIEowIBAA",
      "dozjgNryP4J3",
      "A1b2C3d4E5A1",
    ]) {
      expect(shown).not.toContain(secret);
    }
  });

  it("does not carry credentials to another origin when following a redirect", async () => {
    const targets = { api: { url: server.url, headers: { authorization: "Bearer t", "x-team": "sre" } } };
    const result = await run(
      { target: "api", path: "/away", follow_redirects: true },
      { targets, requested: ["json.headers"] },
    );
    expect(result.observations).toMatchObject({ status: 200, redirect: `${other.url}/echo` });
    const headers = JSON.parse(result.observations["json.headers"] as string) as Record<string, string>;
    expect(headers["x-team"]).toBe("sre");
    expect(headers.authorization).toBeUndefined();
  });

  it("stops reading at max_body, marks the body truncated and still returns", async () => {
    const result = await run({ target: "api", path: "/big", max_body: "64KiB" }, { requested: ["json.x"] });
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({ status: 200, size: { value: 65536, unit: "B" } });
    expect(result.observations.body).toHaveLength(65536);
    expect(result.evidence).toMatchObject({ truncated: true, maxBody: 65536 });
    expect(result.evidence?.absent).toEqual({ "json.x": "body is not JSON: it was cut at max_body" });
    await server.waitForNoConnections();
  });

  it("leaves no connection open after a run", async () => {
    await run({ target: "api", path: "/health" });
    await server.waitForNoConnections();
    expect(server.openConnections()).toBe(0);
  });
});
