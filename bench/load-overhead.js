/**
 * What the load probe adds to what it measures, at a fixed rate against a fast local target.
 *   npm run build && node bench/load-overhead.js [seconds=10] [rate=1000] [connections=10] [runs=3] [dist=dist]
 * The target is a bare Fastify route answering a 256-byte JSON (as bench/gates.js's bare route),
 * pinned to core 0; the probe runs in its own process pinned to core 1 (taskset), under
 * `--trace-gc-nvp`, `runs` times, each after wrk (`-t1 -c<connections>`, flat out) for reference.
 * Per run: load average, the probe's p50/p99/p999, its event-loop lag as it reports it, a 1 ms
 * loop-delay monitor's p99 (interval subtracted), how late requests were issued after their
 * intended start (where the probe reports it), and the load-independent figures: CPU and bytes
 * collected per 1,000 requests (summed over the window's GCs, so in steps of a scavenge),
 * scavenges and mark-compacts with their longest pause. Then one more run under V8's sampling heap
 * profiler: bytes allocated per request and the functions allocating them.
 * `dist` picks another build (a copy of an older dist/) to compare before and after a change.
 * GONOGO_BENCH_NICE=-15 runs target, wrk and probe at that niceness (as root),
 * GONOGO_BENCH_RT=50 runs target and probe (not wrk) SCHED_FIFO at that priority (as root; each
 * uses ~15% of a core at 1,000 req/s, and the kernel keeps 5% for the rest), and
 * GONOGO_BENCH_PIN=0 lets them run on any core: on a machine shared with other work, what is left
 * is the generator's own delay rather than the queue for a core.
 */

import { execFileSync, spawn } from "node:child_process";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { have, pinned } from "./load-targets.js";
import { readWrkOutput } from "./wrk-output.js";

const seconds = Number(process.argv[2] ?? 10);
const rate = Number(process.argv[3] ?? 1000);
const connections = Number(process.argv[4] ?? 10);
const runs = Number(process.argv[5] ?? 3);
const root = fileURLToPath(new URL("..", import.meta.url));
const dist = resolve(root, process.argv[6] ?? "dist");

const NICE = process.env.GONOGO_BENCH_NICE;

const RT = process.env.GONOGO_BENCH_RT;

/**
 * `pinned` to `core` (unless GONOGO_BENCH_PIN=0), at niceness GONOGO_BENCH_NICE when it is set,
 * and for target and probe (`realtime`; never wrk, which runs flat out) at SCHED_FIFO priority
 * GONOGO_BENCH_RT when it is set.
 */
function placed(core, command, args, realtime = true) {
  let [cmd, argv] = process.env.GONOGO_BENCH_PIN === "0" ? [command, args] : pinned(core, command, args);
  if (NICE) [cmd, argv] = ["nice", ["-n", NICE, cmd, ...argv]];
  if (RT && realtime) [cmd, argv] = ["chrt", ["-f", RT, cmd, ...argv]];
  return [cmd, argv];
}

const TARGET = `import Fastify from "fastify";
const app = Fastify({ logger: false });
const body = JSON.stringify({ verdict: "pass", reason: "all checks held", checks: [{ name: "healthy", verdict: "pass", detail: "x".repeat(150) }] });
app.get("/", async (request, reply) => reply.header("content-type", "application/json").send(body));
await app.listen({ port: 0, host: "127.0.0.1" });
console.log("target on http://127.0.0.1:" + app.server.address().port);`;

function startTarget() {
  const [cmd, args] = placed(0, process.execPath, ["--input-type=module", "-e", TARGET]);
  const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolveUrl, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const url = /target on (http:\/\/\S+)\n/.exec(out)?.[1];
      if (url) resolveUrl({ url, stop: () => child.kill() });
    });
    child.on("exit", (code) => reject(new Error(`target exited with ${code}`)));
  });
}

/** GC lines of `--trace-gc-nvp` inside the measured window: counts, longest pause, bytes allocated. */
function gcFigures(trace, window) {
  const gcs = [];
  for (const line of trace.split("\n")) {
    const at = /\s(\d+) ms: pause=([\d.]+) .*?gc=(\w+) .* allocated=(\d+)/.exec(line);
    if (at && Number(at[1]) >= window.from && Number(at[1]) <= window.to)
      gcs.push({ pause: Number(at[2]), kind: at[3], allocated: Number(at[4]) });
  }
  const of = (kind) => gcs.filter((gc) => gc.kind === kind);
  return {
    scavenges: of("s").length,
    markCompacts: gcs.length - of("s").length,
    longestPauseMs: Math.max(0, ...gcs.map((gc) => gc.pause)),
    allocated: gcs.reduce((sum, gc) => sum + gc.allocated, 0),
  };
}

function probe(url, mode = "time") {
  const child = [
    "--trace-gc-nvp",
    "bench/load-overhead-run.js",
    url,
    String(rate),
    String(seconds),
    String(connections),
    dist,
    mode,
  ];
  const [cmd, args] = placed(1, process.execPath, child);
  const out = execFileSync(cmd, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
  const json = JSON.parse(out.split("\n").find((line) => line.startsWith("{")));
  return { ...json, gc: gcFigures(out, json.window) };
}

function wrk(url) {
  if (!have("wrk")) return null;
  const wrkArgs = ["-t1", `-c${connections}`, `-d${Math.min(seconds, 5)}s`, "--latency", url];
  const [cmd, args] = placed(1, "wrk", wrkArgs, false);
  return readWrkOutput(execFileSync(cmd, args, { encoding: "utf8" }));
}

const f = (n, digits = 2) => (n === undefined || n === null ? "-" : Number(n).toFixed(digits));
const target = await startTarget();
console.log(
  `load probe, open model ${rate}/s, ${connections} connections, ${seconds}s (+2s warm-up) x ${runs}; build ${dist}${NICE ? `; nice ${NICE}` : ""}${RT ? `; SCHED_FIFO ${RT}` : ""}`,
);
try {
  for (let run = 1; run <= runs; run++) {
    const before = loadavg()[0];
    const w = wrk(target.url);
    const p = probe(target.url);
    const perK = 1000 / Math.max(1, p.requests);
    const late =
      p.generator?.issueDelayP99Ms === undefined
        ? "-"
        : `${f(p.generator.issueDelayP50Ms)} / ${f(p.generator.issueDelayP99Ms)}`;
    console.log(
      `run ${run} (load avg ${before.toFixed(1)} -> ${loadavg()[0].toFixed(1)})\n` +
        (w
          ? `  wrk -t1 -c${connections} flat out: ${Math.round(w.rps)} req/s, p50 ${f(w.p50)} ms, p99 ${f(w.p99)} ms\n`
          : "") +
        `  probe: ${Math.round(p.rps)} req/s, ${p.dropped} dropped, p50 ${f(p.p50)} ms, p99 ${f(p.p99)} ms, p999 ${f(p.p999)} ms, max ${f(p.max)} ms\n` +
        `  generator_lag (as reported) ${f(p.lag)} ms${p.saturated ? " SATURATED" : ""}; 1ms monitor p99 ${f(p.loopDelay1ms.p99)} ms; sent late p50 / p99 ${late} ms\n` +
        `  per 1,000 requests: CPU ${f(p.cpuMs * perK, 1)} ms, ~${f((p.gc.allocated * perK) / 1e6, 1)} MB collected; ` +
        `${p.gc.scavenges} scavenges, ${p.gc.markCompacts} mark-compacts, longest pause ${f(p.gc.longestPauseMs, 1)} ms`,
    );
  }
  // Once more with every allocation sampled: bytes per request, and where they come from.
  const sampled = probe(target.url, "allocations");
  const perRequest = (n) => Math.round(n / Math.max(1, sampled.requests));
  console.log(
    `allocated per request (sampled, a separate run): ${perRequest(sampled.allocations.total)} B; most:`,
  );
  for (const [site, n] of sampled.allocations.sites)
    console.log(`  ${String(perRequest(n)).padStart(6)} B  ${site}`);
} finally {
  target.stop();
}
