// One open-model run of the load probe for bench/load-overhead.js, in its own process so it can be
// pinned and traced (`--trace-gc-nvp`).
//   node bench/load-overhead-run.js <url> <rate> <seconds> <connections> [dist] [time|allocations]
// Prints one JSON line: the probe's figures, its CPU over the measured window, and the window's
// bounds in ms since the process started (the clock of V8's GC trace lines). `allocations` also
// samples every allocation of the window (V8's sampling heap profiler, collected objects
// included), which costs CPU: its other figures are not for comparing.
import { Session } from "node:inspector/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const [url, rate, seconds, connections, dist = "dist", mode = "time"] = process.argv.slice(2);
const session = mode === "allocations" ? new Session() : null;
session?.connect();
const WARMUP_MS = 2000;
const { default: loadProbe } = await import(pathToFileURL(`${dist}/probes/load/index.js`).href);
const config = loadProbe.configSchema.parse({
  target: "bench",
  path: "/",
  rate: Number(rate),
  connections: Number(connections),
  duration: `${seconds}s`,
  warmup: `${WARMUP_MS}ms`,
  progress: false,
  check: { status: [200] },
});
const runner = await loadProbe.loadRunner();
// A second, finer look at the loop (1 ms timer, its interval subtracted), independent of the probe's own.
const fine = monitorEventLoopDelay({ resolution: 1 });
let window;
const mark = setTimeout(() => {
  fine.enable();
  window = { from: performance.now(), cpu: process.cpuUsage() };
  session?.post("HeapProfiler.startSampling", {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}, WARMUP_MS);
const result = await runner.run(config, {
  signal: new AbortController().signal,
  timeoutMs: (Number(seconds) + 30) * 1000,
  requested: [],
  targets: { bench: { name: "bench", url } },
  baseDir: ".",
});
clearTimeout(mark);
fine.disable();
const to = performance.now();
const cpu = process.cpuUsage(window.cpu);
const o = result.observations;
const allocations = session && allocationSites((await session.post("HeapProfiler.stopSampling")).profile);
const excess = (p) => Math.max(0, fine.percentile(p) / 1e6 - 1);
console.log(
  JSON.stringify({
    rps: o.rps,
    requests: o.requests,
    dropped: o.dropped,
    errors: o.error_rate,
    p50: o.p50?.value,
    p99: o.p99?.value,
    p999: o.p999?.value,
    max: o.max?.value,
    lag: o.generator_lag?.value,
    saturated: o.generator_saturated,
    generator: result.evidence?.generator,
    loopDelay1ms: { p50: excess(50), p99: excess(99), max: fine.max / 1e6 - 1 },
    cpuMs: (cpu.user + cpu.system) / 1000,
    window: { from: window.from, to },
    ...(allocations && { allocations }),
  }),
);

/** Sampled bytes by allocating function (with its caller), most first. */
function allocationSites(profile) {
  const bytes = new Map();
  let total = 0;
  const name = (node) => {
    const { functionName, url: file, lineNumber } = node.callFrame;
    return `${functionName || "(anonymous)"} ${file.split("/").slice(-2).join("/")}:${lineNumber + 1}`;
  };
  const walk = (node, caller) => {
    const site = `${name(node)} < ${caller}`;
    if (node.selfSize > 0) bytes.set(site, (bytes.get(site) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) walk(child, name(node));
  };
  walk(profile.head, "");
  return { total, sites: [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 8) };
}
