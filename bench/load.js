/**
 * gonogo's load probe against autocannon and wrk, on a fixed local target.
 *   npm run build && node bench/load.js [seconds=10] [connections=50]
 * The target is pinned to core 0 and each generator in turn to core 1 (taskset), at the same
 * connection count and duration. Prints req/s, p50, p99 and each one's req/s ratio to wrk; then
 * checks that the open model reports a server's 200ms-per-second stall that a closed run hides.
 * wrk, nginx and taskset are used when installed and skipped with a note otherwise.
 */

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { have, pinned, startFixedTarget, startStallingTarget } from "./load-targets.js";
import { readWrkOutput } from "./wrk-output.js";

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 50);
const STALL_RATE = 2000;
const root = fileURLToPath(new URL("..", import.meta.url));
const GENERATOR_CORE = 1;

function run(command, args) {
  const [cmd, argv] = pinned(GENERATOR_CORE, command, args);
  return execFileSync(cmd, argv, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
}

const gonogo = (url, model, amount) => {
  const out = JSON.parse(
    run(process.execPath, ["bench/load-gonogo.js", url, model, String(amount), String(seconds)]),
  );
  return { rps: out.rps, p50: out.p50, p99: out.p99, note: `generator CPU ${Math.round(out.cpu * 100)}%` };
};

const autocannon = (url, rate) => {
  const extra = rate ? ["-R", String(rate)] : [];
  const args = [
    "node_modules/autocannon/autocannon.js",
    "-c",
    String(connections),
    "-d",
    String(seconds),
    "-j",
    ...extra,
    url,
  ];
  const out = JSON.parse(run(process.execPath, args));
  return { rps: out.requests.average, p50: out.latency.p50, p99: out.latency.p99 };
};

function wrk(url) {
  if (!have("wrk")) return null;
  const out = run("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", url]);
  return readWrkOutput(out);
}

function table(rows) {
  const base = rows.find((r) => r.name === "wrk" && r.result)?.result;
  for (const { name, result } of rows) {
    if (!result) {
      console.log(`  ${name.padEnd(34)} skipped: not installed`);
      continue;
    }
    const ratio = base ? `${(result.rps / base.rps).toFixed(2)}× wrk` : "";
    const figures = `${Math.round(result.rps).toString().padStart(7)} req/s  p50 ${result.p50.toFixed(2).padStart(7)}ms  p99 ${result.p99.toFixed(2).padStart(7)}ms`;
    console.log(`  ${name.padEnd(34)} ${figures}  ${ratio.padEnd(10)} ${result.note ?? ""}`);
  }
}

if (!have("taskset")) console.log("note: taskset absent, nothing is pinned");
const fixed = await startFixedTarget(0);
console.log(
  `\nThroughput: ${fixed.name} on core 0, generators on core 1, ${connections} connections, ${seconds}s each`,
);
try {
  table(
    [
      { name: "wrk -t1", result: wrk(fixed.url) },
      { name: "autocannon", result: autocannon(fixed.url) },
      { name: `gonogo load (closed, ${connections} vus)`, result: gonogo(fixed.url, "closed", connections) },
    ].map((r) => (r.name === "wrk -t1" ? { ...r, name: "wrk" } : r)),
  );
} finally {
  fixed.stop();
}

const stalling = await startStallingTarget(0);
console.log(`\nStall: ${stalling.name}; p99 should be ~190ms (a fifth of the requests wait up to 200ms)`);
try {
  const open = gonogo(stalling.url, "open", STALL_RATE);
  table([
    { name: "wrk", result: wrk(stalling.url) },
    { name: `autocannon -R ${STALL_RATE}`, result: autocannon(stalling.url, STALL_RATE) },
    { name: `gonogo load (closed, ${connections} vus)`, result: gonogo(stalling.url, "closed", connections) },
    { name: `gonogo load (open, ${STALL_RATE}/s)`, result: open },
  ]);
  const ok = open.p99 >= 150;
  console.log(
    `\n${ok ? "ok" : "FAIL"}: gonogo's open model p99 ${open.p99}ms ${ok ? "shows" : "does not show"} the 200ms stall`,
  );
  if (!ok) process.exitCode = 1;
} finally {
  stalling.stop();
}
