/**
 * What one gate request costs the server, as CPU time rather than latency, so a busy shared
 * machine changes the figure little:
 *   npm run build && node bench/gate-cost.js [seconds=10] [connections=10] [--cpu-prof DIR]
 * Starts `gonogo serve` on the checkout gate and the bare Fastify route (`gate-fixture.js`), warms
 * each with wrk for 2 s, then drives each flat out with wrk for `seconds` and reads the server
 * process's CPU time (utime + stime of /proc/<pid>/stat, all its threads) before and after: CPU
 * ms per 1,000 requests, and the flat-out rate gonogo/bare of the same run. `--cpu-prof DIR` runs
 * `gonogo serve` under node --cpu-prof and leaves the profile (.cpuprofile) in DIR.
 */

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { GATE_PATH, startBare, startGonogo, writeWrkScript } from "./gate-fixture.js";
import { readWrkOutput } from "./wrk-output.js";

const args = process.argv.slice(2);
const profileAt = args.indexOf("--cpu-prof");
const profileDir = profileAt >= 0 ? resolve(args.splice(profileAt, 2)[1] ?? ".") : undefined;
const seconds = Number(args[0] ?? 10);
const connections = Number(args[1] ?? 10);
const dir = mkdtempSync(join(tmpdir(), "gonogo-bench-gate-cost-"));
// Clock ticks per second of /proc/<pid>/stat's times (USER_HZ): 100 on Linux.
const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** The process's CPU time so far (user + system, all threads), in ms. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at state, field 3; utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function wrk(url, script, duration) {
  const out = execFileSync(
    "wrk",
    ["-t1", `-c${connections}`, `-d${duration}s`, "--latency", "-s", script, `${url}${GATE_PATH}`],
    { encoding: "utf8" },
  );
  return readWrkOutput(out);
}

/** Warm, then one measured run: requests, rate, and the server's CPU ms per 1,000 requests. */
function measure(server, script) {
  wrk(server.url, script, 2);
  const before = cpuMs(server.pid);
  const run = wrk(server.url, script, seconds);
  const spent = cpuMs(server.pid) - before;
  if (run.non2xx > 0) throw new Error(`${run.non2xx} answers were not 2xx: the figures would flatter`);
  return { ...run, cpuPer1000: (spent / run.requests) * 1000 };
}

const stops = [];
try {
  const flags = profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [];
  const gonogo = await startGonogo(dir, flags);
  stops.push(gonogo.stop);
  const bare = await startBare(gonogo.token, gonogo.answer);
  stops.push(bare.stop);
  const script = writeWrkScript(dir, gonogo.token);
  const loadBefore = loadavg()[0];
  const g = measure(gonogo, script);
  const b = measure(bare, script);
  const line = (name, r) =>
    `${name.padEnd(28)} ${r.cpuPer1000.toFixed(1).padStart(6)} ms CPU / 1,000 req   ${Math.round(r.rps).toString().padStart(6)} req/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   (${r.requests} requests)`;
  console.log(`wrk -t1 -c${connections}, ${seconds} s each, after 2 s of warm-up`);
  console.log(line("gonogo serve /v1/gates/...", g));
  console.log(line("bare Fastify route", b));
  console.log(
    `gonogo/bare: CPU per request ${(g.cpuPer1000 / b.cpuPer1000).toFixed(2)}×, flat-out rate ${(g.rps / b.rps).toFixed(2)}×; load average ${loadBefore.toFixed(1)} -> ${loadavg()[0].toFixed(1)}`,
  );
} finally {
  await Promise.all(stops.map((stop) => stop()));
  rmSync(dir, { recursive: true, force: true });
  if (profileDir) console.log(`profile of gonogo serve in ${profileDir}`);
}
