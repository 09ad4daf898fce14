/**
 * The controller gate endpoint under load: `GET /v1/gates/{rollout}/{phase}` as Argo Rollouts'
 * `web` metric provider calls it, next to a bare Fastify route for scale.
 *   npm run build && node bench/gates.js [seconds=30] [rate=1000] [connections=10]
 * Starts `gonogo serve` (SQLite store) on a service whose rollout gate is one cheap http check of a
 * local server (evaluated at most once a second, in the background), warms the gate cache, then
 * drives the endpoint for `seconds` at `rate` req/s with gonogo's own load probe (open model) and
 * with wrk (closed model, `connections` connections, a Lua script for the Authorization header).
 * The same two runs then hit a bare Fastify route (another process, another port) that answers a
 * JSON body of the same size after the same header check. Prints p50/p99, achieved rates and the
 * ratios. Target (issue 15): p99 < 5 ms at 1,000 req/s.
 */

import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import loadProbe from "../dist/probes/load/index.js";
import { readWrkOutput } from "./wrk-output.js";

const seconds = Number(process.argv[2] ?? 30);
const rate = Number(process.argv[3] ?? 1000);
const connections = Number(process.argv[4] ?? 10);
const root = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(root, "bin", "gonogo.js");
const dir = mkdtempSync(join(tmpdir(), "gonogo-bench-gates-"));
const PATH = "/v1/gates/checkout/canary?revision=bench";

function cli(args) {
  return execFileSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The service's health endpoint the gate's check reads: one request a second at most. */
function startHealth() {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200).end("ok");
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, server }),
    ),
  );
}

function writeProject(health) {
  writeFileSync(join(dir, "LAUNCH.md"), "# checkout\n\n- [ ] Health endpoint returns 200\n");
  writeFileSync(
    join(dir, "gonogo.yml"),
    `version: 1
checks:
  healthy: { item: "Health endpoint returns 200", http: { url: "${health}/health" }, expect: [ "status == 200" ] }
rollout:
  defaults: { interval: 1s, minSamples: 1, consecutivePasses: 1 }
  phases:
    - { name: canary, weight: 10, soak: 1s, gates: [ { check: healthy, critical: true } ] }
    - { name: full, weight: 100, soak: 1s, gates: [ healthy ] }
  traffic:
    set: { command: { run: "true" } }
    read: { command: { run: "echo {{weight}}" } }
`,
  );
  writeFileSync(
    join(dir, "gonogo-server.yml"),
    "services:\n  - { name: checkout, checklist: LAUNCH.md, config: gonogo.yml }\n",
  );
}

/** Spawns `args` and resolves with its URL once it prints `pattern`. */
function startProcess(args, pattern, options = {}) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    ...options,
  });
  let out = "";
  return new Promise((resolve, reject) => {
    const read = (chunk) => {
      out += chunk;
      const url = pattern.exec(out)?.[1];
      if (url) resolve({ url, stop: () => child.kill("SIGTERM") });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("close", (code) => reject(new Error(`${args.join(" ")} exited ${code}:\n${out}`)));
  });
}

/** A bare Fastify route in its own process: the floor the gate endpoint is measured against. */
function startBare(token, body) {
  const source = `
import Fastify from "fastify";
const app = Fastify({ logger: false });
const body = ${JSON.stringify(body)};
app.get("/v1/gates/:rollout/:phase", async (request, reply) => {
  if (request.headers.authorization !== ${JSON.stringify(`Bearer ${token}`)}) return reply.code(401).send({});
  return reply.code(200).header("content-type", "application/json").send(body);
});
await app.listen({ port: 0, host: "127.0.0.1" });
console.log("bare on http://127.0.0.1:" + app.server.address().port);
`;
  return startProcess(["--input-type=module", "-e", source], /bare on (http:\/\/\S+)\n/, { cwd: root });
}

async function gonogoLoad(url, token) {
  const config = loadProbe.configSchema.parse({
    target: "api",
    rate,
    connections,
    duration: `${seconds}s`,
    warmup: "2s",
    progress: false,
    mix: [{ name: "gate", path: PATH }],
    check: { status: [200] },
  });
  const runner = await loadProbe.loadRunner();
  const result = await runner.run(config, {
    signal: new AbortController().signal,
    timeoutMs: (seconds + 60) * 1000,
    requested: [],
    targets: { api: { name: "api", url, headers: { authorization: `Bearer ${token}` } } },
    baseDir: ".",
  });
  if (result.error) throw new Error(result.error);
  const o = result.observations;
  if (o.p99 === null || o.p99 === undefined)
    throw new Error(`no answers: ${JSON.stringify(result).slice(0, 3000)}`);
  return {
    rps: o.rps,
    p50: o.p50?.value,
    p99: o.p99?.value,
    errors: o.error_rate,
    note: `generator CPU ${Math.round(o.generator_cpu * 100)}%, lag p99 ${o.generator_lag?.value} ms, sent late p99 ${result.evidence?.generator?.issueDelayP99Ms} ms, ${o.dropped} dropped${o.generator_saturated ? ", SATURATED" : ""}`,
  };
}

function wrk(url, token) {
  const script = join(dir, "gate.lua");
  writeFileSync(
    script,
    [
      `wrk.headers["Authorization"] = "Bearer ${token}"`,
      // Non-2xx answers are counted, so a refused token cannot pass for speed.
      "done = function(summary, latency, requests)",
      '  io.write(string.format("non2xx %d\\n", summary.errors.status))',
      "end",
    ].join("\n"),
    { mode: 0o600 },
  );
  const out = execFileSync(
    "wrk",
    ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, `${url}${PATH}`],
    {
      encoding: "utf8",
    },
  );
  return readWrkOutput(out);
}

const ms = (value) => `${value.toFixed(2).padStart(7)} ms`;
const rps = (value) => `${Math.round(value).toString().padStart(6)} req/s`;
const stops = [];
let health;
try {
  health = await startHealth();
  writeProject(health.url);
  const store = join(dir, "gonogo.db");
  const token = cli(["token", "create", "--name", "argo", "--role", "runner", "--store", store]).trim();
  const serve = await startProcess(
    [BIN, "serve", "--port", "0", "--config", join(dir, "gonogo-server.yml"), "--store", store],
    /gonogo: serving on (http:\/\/\S+)\n/,
  );
  stops.push(serve.stop);
  // Warm: the first answer is "pending" while the gate's first evaluation runs; wait for "pass".
  let answer;
  for (let tries = 0; tries < 100; tries++) {
    answer = await (
      await fetch(`${serve.url}${PATH}`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    if (answer.verdict === "pass") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (answer?.verdict !== "pass") throw new Error(`the gate never passed: ${JSON.stringify(answer)}`);
  const bare = await startBare(token, answer);
  stops.push(bare.stop);
  console.log(
    `gonogo serve ${serve.url}, bare Fastify ${bare.url}; gate answer ${JSON.stringify(answer).length} B; ${seconds} s per run; machine: shared 2 cores, load average ${loadavg()[0].toFixed(1)}`,
  );
  const rows = {};
  for (const [name, url] of [
    ["gonogo", serve.url],
    ["bare", bare.url],
  ]) {
    rows[name] = { probe: await gonogoLoad(url, token), wrk: wrk(url, token) };
    const { probe, wrk: w } = rows[name];
    console.log(
      `\n${name === "gonogo" ? "gonogo serve GET /v1/gates/checkout/canary" : "bare Fastify route, same path"}:`,
    );
    console.log(
      `  load probe (open, ${rate}/s, ${connections} conn.) ${rps(probe.rps)}  p50 ${ms(probe.p50)}  p99 ${ms(probe.p99)}  errors ${(probe.errors * 100).toFixed(2)}%  (${probe.note})`,
    );
    console.log(
      `  wrk -t1 -c${connections} (closed, flat out)       ${rps(w.rps)}  p50 ${ms(w.p50)}  p99 ${ms(w.p99)}  non-2xx ${w.non2xx}`,
    );
  }
  const g = rows.gonogo;
  const b = rows.bare;
  const ratio = (x, y) => `${(x / y).toFixed(2)}×`;
  console.log("\nratios:");
  console.log(
    `  gonogo/bare at ${rate}/s (load probe): p50 ${ratio(g.probe.p50, b.probe.p50)}, p99 ${ratio(g.probe.p99, b.probe.p99)}`,
  );
  console.log(
    `  gonogo/bare flat out (wrk): rate ${ratio(g.wrk.rps, b.wrk.rps)}, p50 ${ratio(g.wrk.p50, b.wrk.p50)}, p99 ${ratio(g.wrk.p99, b.wrk.p99)}`,
  );
  console.log(
    `  load probe/wrk on gonogo: p50 ${ratio(g.probe.p50, g.wrk.p50)}, p99 ${ratio(g.probe.p99, g.wrk.p99)} (wrk runs flat out, the probe at ${rate}/s)`,
  );
  const met = g.probe.p99 < 5 && g.probe.rps >= rate * 0.95;
  console.log(
    `\ntarget p99 < 5 ms at ${rate}/s: ${met ? "met" : "MISSED"} (p99 ${g.probe.p99.toFixed(2)} ms at ${Math.round(g.probe.rps)}/s); load average now ${loadavg()[0].toFixed(1)}`,
  );
} finally {
  for (const stop of stops) stop();
  health?.server.close();
  await new Promise((resolve) => setTimeout(resolve, 300));
  rmSync(dir, { recursive: true, force: true });
}
