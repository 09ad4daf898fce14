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

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import loadProbe from "../dist/probes/load/index.js";
import { GATE_PATH as PATH, startBare, startGonogo, writeWrkScript } from "./gate-fixture.js";
import { readWrkOutput } from "./wrk-output.js";

const seconds = Number(process.argv[2] ?? 30);
const rate = Number(process.argv[3] ?? 1000);
const connections = Number(process.argv[4] ?? 10);
const dir = mkdtempSync(join(tmpdir(), "gonogo-bench-gates-"));

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
  const script = writeWrkScript(dir, token);
  const out = execFileSync(
    "wrk",
    ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, `${url}${PATH}`],
    { encoding: "utf8" },
  );
  return readWrkOutput(out);
}

const ms = (value) => `${value.toFixed(2).padStart(7)} ms`;
const rps = (value) => `${Math.round(value).toString().padStart(6)} req/s`;
const stops = [];
try {
  const serve = await startGonogo(dir);
  stops.push(serve.stop);
  const { token, answer } = serve;
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
  await Promise.all(stops.map((stop) => stop()));
  rmSync(dir, { recursive: true, force: true });
}
