// Unit tests for the Orders API, with Node's own runner: `node --test service.test.js`.
// The service runs as a child process on a free port, exactly as `npm run demo` starts it, so the
// "listening on ..." line and the clean shutdown are tested along with the routes.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";

const SERVICE = path.join(import.meta.dirname, "service.js");

let service;
let exited;
let baseUrl;

before(async () => {
  // PORT and HOST are pinned so a PORT set in the caller's environment cannot leak in.
  service = spawn(process.execPath, [SERVICE], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  exited = once(service, "exit");
  const firstLine = once(createInterface({ input: service.stdout }), "line");
  const ready = await Promise.race([firstLine, exited.then(() => null)]);
  assert.ok(ready, "the service exited before it printed its address");
  const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(ready[0]);
  assert.ok(match, `unexpected first line: ${ready[0]}`);
  baseUrl = match[1];
});

after(() => {
  if (service?.exitCode === null && service.signalCode === null) service.kill("SIGKILL");
});

async function getJson(route, init) {
  const response = await fetch(baseUrl + route, init);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json\b/);
  return { response, body: await response.json() };
}

test("GET /healthz answers ok", async () => {
  const { response, body } = await getJson("/healthz");
  assert.equal(response.status, 200);
  assert.deepEqual(body, { status: "ok" });
});

test("GET /readyz reports the database as ready", async () => {
  const { response, body } = await getJson("/readyz");
  assert.equal(response.status, 200);
  assert.deepEqual(body, { ready: true, checks: { database: "ok" } });
});

test("GET /api/orders lists orders with an id, a total and a currency", async () => {
  const { response, body } = await getJson("/api/orders");
  assert.equal(response.status, 200);
  assert.ok(body.orders.length >= 1);
  assert.deepEqual(body.orders[0], { id: "ord_1", total: 42.5, currency: "EUR" });
  for (const order of body.orders) {
    assert.match(order.id, /^ord_\w+$/);
    assert.equal(typeof order.total, "number");
    assert.match(order.currency, /^[A-Z]{3}$/);
  }
});

// The unit tests pass although this endpoint leaks a key: catching that is gonogo's job in the demo.
test("GET /api/config returns the public settings", async () => {
  const { response, body } = await getJson("/api/config");
  assert.equal(response.status, 200);
  assert.equal(body.region, "eu-west-1");
  assert.equal(body.page_size, 50);
});

test("an unknown route is a JSON 404, and a POST a 405", async () => {
  const missing = await getJson("/nope");
  assert.equal(missing.response.status, 404);
  assert.deepEqual(missing.body, { error: "not found" });
  const post = await getJson("/api/orders", { method: "POST" });
  assert.equal(post.response.status, 405);
  assert.equal(post.response.headers.get("allow"), "GET, HEAD");
});

test("every response carries the security headers and no server banner", async () => {
  for (const route of ["/healthz", "/readyz", "/api/orders", "/api/config", "/nope"]) {
    const response = await fetch(baseUrl + route);
    await response.arrayBuffer();
    const header = (name) => response.headers.get(name);
    assert.match(header("strict-transport-security") ?? "", /max-age=\d+/, route);
    assert.match(header("content-security-policy") ?? "", /default-src/, route);
    assert.equal(header("x-content-type-options"), "nosniff", route);
    assert.equal(header("x-frame-options"), "DENY", route);
    assert.equal(header("referrer-policy"), "no-referrer", route);
    assert.equal(header("server"), null, route);
    assert.equal(header("x-powered-by"), null, route);
  }
});

// Last: it stops the service the other tests use.
test("SIGTERM shuts the service down cleanly (exit code 0)", async () => {
  service.kill("SIGTERM");
  const [code, signal] = await exited;
  assert.equal(signal, null);
  assert.equal(code, 0);
});
