/**
 * What the gate benchmarks share: a project whose rollout gate is one cheap http check of a local
 * server, `gonogo serve` on it with a runner token, the gate warmed to "pass", and a bare Fastify
 * route (its own process) that checks the same header and answers the same JSON: the floor.
 */

import { execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const BIN = join(root, "bin", "gonogo.js");
export const GATE_PATH = "/v1/gates/checkout/canary?revision=bench";

function cli(args, bin = BIN) {
  return execFileSync(process.execPath, [bin, ...args], {
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

function writeProject(dir, health) {
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

/** Spawns node with `args` and resolves with its URL (the first group of `pattern`) and pid. */
export function startProcess(args, pattern, options = {}) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    ...options,
  });
  let out = "";
  const exited = new Promise((resolve) => child.on("close", resolve));
  return new Promise((resolve, reject) => {
    const read = (chunk) => {
      out += chunk;
      const url = pattern.exec(out)?.[1];
      if (url)
        resolve({
          url,
          pid: child.pid,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("close", (code) => reject(new Error(`${args.join(" ")} exited ${code}:\n${out}`)));
  });
}

/**
 * `gonogo serve` (SQLite store in `dir`) on the checkout service, warmed until its canary gate
 * answers "pass". `nodeFlags` go before the script (`--cpu-prof`, say); `bin` is another build's
 * `bin/gonogo.js` to measure (a checkout of main, say).
 */
export async function startGonogo(dir, nodeFlags = [], bin = BIN) {
  const health = await startHealth();
  writeProject(dir, health.url);
  const store = join(dir, "gonogo.db");
  const token = cli(["token", "create", "--name", "argo", "--role", "runner", "--store", store], bin).trim();
  let serve;
  try {
    serve = await startProcess(
      [
        ...nodeFlags,
        bin,
        "serve",
        "--port",
        "0",
        "--config",
        join(dir, "gonogo-server.yml"),
        "--store",
        store,
      ],
      /gonogo: serving on (http:\/\/\S+)\n/,
    );
  } catch (error) {
    health.server.close();
    throw error;
  }
  const stop = async () => {
    await serve.stop();
    health.server.close();
  };
  // The first answer is "pending" while the gate's first evaluation runs; wait for "pass".
  let answer;
  for (let tries = 0; tries < 100; tries++) {
    answer = await (
      await fetch(`${serve.url}${GATE_PATH}`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    if (answer.verdict === "pass") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (answer?.verdict !== "pass") {
    await stop();
    throw new Error(`the gate never passed: ${JSON.stringify(answer)}`);
  }
  return { url: serve.url, pid: serve.pid, token, answer, stop };
}

/**
 * A bare Fastify route in its own process: the floor the gate endpoint is measured against. It
 * answers `body` on the gate's path, and on `GET /api/v1/runs/:id` `runBody` when given (the text
 * of a run's report, as gonogo sends it from its cache), after the same header check.
 */
export function startBare(token, body, runBody) {
  const source = `
import Fastify from "fastify";
const app = Fastify({ logger: false });
const body = ${JSON.stringify(body)};
const runBody = ${JSON.stringify(runBody ?? "")};
const authorized = (request) => request.headers.authorization === ${JSON.stringify(`Bearer ${token}`)};
app.get("/v1/gates/:rollout/:phase", async (request, reply) => {
  if (!authorized(request)) return reply.code(401).send({});
  return reply.code(200).header("content-type", "application/json").send(body);
});
app.get("/api/v1/runs/:id", async (request, reply) => {
  if (!authorized(request)) return reply.code(401).send({});
  return reply.code(200).header("content-type", "application/json").send(runBody);
});
await app.listen({ port: 0, host: "127.0.0.1" });
console.log("bare on http://127.0.0.1:" + app.server.address().port);
`;
  return startProcess(["--input-type=module", "-e", source], /bare on (http:\/\/\S+)\n/, { cwd: root });
}

/** The wrk Lua script that sends the token and counts non-2xx answers (a refusal is no speed). */
export function writeWrkScript(dir, token) {
  const script = join(dir, `gate-${token.slice(0, 12)}.lua`);
  writeFileSync(
    script,
    [
      `wrk.headers["Authorization"] = "Bearer ${token}"`,
      "done = function(summary, latency, requests)",
      '  io.write(string.format("non2xx %d\\n", summary.errors.status))',
      "end",
    ].join("\n"),
    { mode: 0o600 },
  );
  return script;
}
