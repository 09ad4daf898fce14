/**
 * What one gate request costs the server, as CPU time rather than latency, so a busy shared
 * machine changes the figure less:
 *   npm run build && node bench/gate-cost.js [seconds=10] [connections=10] [--rounds N]
 *     [--compare DIR] [--cpu-prof DIR] [--route gate|run]
 * Starts `gonogo serve` on the checkout gate and the bare Fastify route (`gate-fixture.js`), warms
 * each with wrk for 2 s, then drives each flat out with wrk for `seconds` and reads the server
 * process's CPU time (utime + stime of /proc/<pid>/stat, all its threads) before and after: CPU
 * ms per 1,000 requests, and the flat-out rate gonogo/bare of the same run. `--rounds N` repeats
 * the runs, interleaved, and prints the median. `--compare DIR` also measures the build in DIR
 * (another checkout, built: `DIR/bin/gonogo.js`), in the same rounds. `--cpu-prof DIR` runs this
 * checkout's `gonogo serve` under node --cpu-prof and leaves the profile (.cpuprofile) in DIR.
 * `--route run` measures `GET /api/v1/runs/:id` instead (issue 13's route: one run made through
 * the API first, its report answered from the server's cache; the bare route sends the same text).
 */

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { GATE_PATH, startBare, startGonogo, writeWrkScript } from "./gate-fixture.js";
import { readWrkOutput } from "./wrk-output.js";

const args = process.argv.slice(2);
/** Takes `--name value` out of args. */
function option(name) {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args.splice(at, 2)[1];
}
const profileDir = option("--cpu-prof");
const compareDir = option("--compare");
const rounds = Number(option("--rounds") ?? 1);
const route = option("--route") ?? "gate";
if (!["gate", "run"].includes(route)) throw new Error(`--route gate|run, not ${route}`);
const seconds = Number(args[0] ?? 10);
const connections = Number(args[1] ?? 10);
const dir = mkdtempSync(join(tmpdir(), "gonogo-bench-gate-cost-"));
// Clock ticks per second of /proc/<pid>/stat's times (USER_HZ): 100 on Linux.
const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** The process's CPU time so far (user + system, all its threads), in ms. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at state, field 3; utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** One run of the service made through the API (`?wait=true`): the path of its report. */
async function makeRun(server) {
  const response = await fetch(`${server.url}/api/v1/checklists/checkout/runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.token}` },
  });
  if (response.status !== 201) throw new Error(`making a run: ${response.status} ${await response.text()}`);
  return `/api/v1/runs/${(await response.json()).runId}`;
}

function wrk(server, duration) {
  const out = execFileSync(
    "wrk",
    [
      "-t1",
      `-c${connections}`,
      `-d${duration}s`,
      "--latency",
      "-s",
      server.script,
      `${server.url}${server.path}`,
    ],
    { encoding: "utf8" },
  );
  return readWrkOutput(out);
}

/** Warm, then one measured run: requests, rate, and the server's CPU ms per 1,000 requests. */
function measure(server) {
  wrk(server, 2);
  const before = cpuMs(server.pid);
  const run = wrk(server, seconds);
  const spent = cpuMs(server.pid) - before;
  if (run.non2xx > 0) throw new Error(`${run.non2xx} answers were not 2xx: the figures would flatter`);
  return { ...run, cpuPer1000: (spent / run.requests) * 1000 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const stops = [];
try {
  const servers = [];
  const start = async (name, bin, flags = []) => {
    const home = join(dir, `${servers.length}`);
    mkdirSync(home);
    const server = await startGonogo(home, flags, bin);
    stops.push(server.stop);
    const path = route === "run" ? await makeRun(server) : GATE_PATH;
    servers.push({ name, ...server, path, script: writeWrkScript(dir, server.token) });
    return servers[servers.length - 1];
  };
  const gonogo = await start(
    "gonogo serve (this checkout)",
    undefined,
    profileDir ? ["--cpu-prof", "--cpu-prof-dir", resolve(profileDir)] : [],
  );
  if (compareDir) await start(`gonogo serve (${compareDir})`, join(resolve(compareDir), "bin", "gonogo.js"));
  const runText =
    route === "run"
      ? await (
          await fetch(`${gonogo.url}${gonogo.path}`, { headers: { authorization: `Bearer ${gonogo.token}` } })
        ).text()
      : undefined;
  const bare = await startBare(gonogo.token, gonogo.answer, runText);
  stops.push(bare.stop);
  servers.push({
    name: "bare Fastify route",
    ...bare,
    path: gonogo.path,
    script: writeWrkScript(dir, gonogo.token),
  });

  const line = (name, r) =>
    `${name.padEnd(40)} ${r.cpuPer1000.toFixed(1).padStart(6)} ms CPU / 1,000 req   ${Math.round(r.rps).toString().padStart(6)} req/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms`;
  console.log(
    `GET ${gonogo.path}${runText === undefined ? "" : ` (${runText.length} B)`}: wrk -t1 -c${connections}, ${seconds} s a run after 2 s of warm-up, ${rounds} round(s)`,
  );
  const results = servers.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const loadBefore = loadavg()[0];
    for (const [i, server] of servers.entries()) results[i].push(measure(server));
    console.log(`round ${round + 1} (load average ${loadBefore.toFixed(1)} -> ${loadavg()[0].toFixed(1)}):`);
    for (const [i, server] of servers.entries()) console.log(`  ${line(server.name, results[i][round])}`);
  }
  const bareRuns = results[results.length - 1];
  console.log(`median of ${rounds} round(s), and each gonogo's ratio to the bare route of the same round:`);
  servers.forEach((server, i) => {
    const runs = results[i];
    const cpu = median(runs.map((r) => r.cpuPer1000));
    const rps = median(runs.map((r) => r.rps));
    const ratios =
      server === servers[servers.length - 1]
        ? ""
        : `   CPU ×${median(runs.map((r, n) => r.cpuPer1000 / bareRuns[n].cpuPer1000)).toFixed(2)}, rate ×${median(runs.map((r, n) => r.rps / bareRuns[n].rps)).toFixed(2)}`;
    console.log(
      `  ${server.name.padEnd(40)} ${cpu.toFixed(1).padStart(6)} ms CPU / 1,000 req   ${Math.round(rps).toString().padStart(6)} req/s${ratios}`,
    );
  });
} finally {
  await Promise.all(stops.map((stop) => stop()));
  rmSync(dir, { recursive: true, force: true });
  if (profileDir) console.log(`profile of gonogo serve in ${profileDir}`);
}
