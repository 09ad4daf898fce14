import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import helmet from "helmet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../store/index.js";
import { buildApp } from "./app.js";
import { issueToken } from "./auth/index.js";
import { helmetHeaders } from "./security-headers.js";
import { parseServerConfig } from "./server-config.js";

/** What helmet's own middleware sets on a real response, by lower-case name. */
async function helmetOnARealResponse(): Promise<Record<string, string>> {
  const server = createServer((request, response) => helmet()(request, response, () => response.end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/`);
    const set: Record<string, string> = {};
    for (const [name, value] of response.headers)
      if (!["connection", "content-length", "date", "keep-alive"].includes(name)) set[name] = value;
    return set;
  } finally {
    server.close();
  }
}

describe("security headers", () => {
  let store: Store;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    store = await openStore({
      store: join(mkdtempSync(join(tmpdir(), "gonogo-security-headers-")), "runs.db"),
      env: { GONOGO_USER: "tester" },
    });
    const now = new Date();
    token = (
      await issueToken(store, { name: "ci", role: "runner", expiresAt: null, createdBy: "tester" }, now)
    ).token;
    app = await buildApp(store, parseServerConfig("/srv/gonogo-server.yml", "services: []\n"));
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it("are helmet's defaults, as its middleware sets them", async () => {
    const computed = helmetHeaders();
    expect(computed).toEqual(await helmetOnARealResponse());
    expect(computed["content-security-policy"]).toContain("default-src 'self'");
    expect(computed["x-powered-by"]).toBeUndefined();
  });

  it("are on every answer: pages, the API, the gates, and refusals and errors of each", async () => {
    const expected = helmetHeaders();
    const bearer = { authorization: `Bearer ${token}` };
    const answers = {
      "sign-in page": await app.inject({ method: "GET", url: "/sign-in" }),
      "dashboard (redirect to sign-in)": await app.inject({ method: "GET", url: "/" }),
      health: await app.inject({ method: "GET", url: "/health" }),
      "API with a token": await app.inject({ method: "GET", url: "/api/v1/checklists", headers: bearer }),
      "API without a token (401)": await app.inject({ method: "GET", url: "/api/v1/checklists" }),
      "gate without a token (401)": await app.inject({ method: "GET", url: "/v1/gates/checkout/canary" }),
      "gate of an unknown rollout": await app.inject({
        method: "GET",
        url: "/v1/gates/checkout/canary?revision=a",
        headers: bearer,
      }),
      "unknown route (404)": await app.inject({ method: "GET", url: "/nowhere" }),
    };
    for (const [what, answer] of Object.entries(answers)) {
      const got = Object.fromEntries(Object.keys(expected).map((name) => [name, answer.headers[name]]));
      expect(got, `${what} (${answer.statusCode})`).toEqual(expected);
    }
    expect(answers["gate of an unknown rollout"].json().verdict).toBe("fail");
  });
});
