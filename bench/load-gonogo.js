// One gonogo load run, for bench/load.js: node bench/load-gonogo.js <url> <closed|open> <vus|rate> <seconds>
// Prints the probe's observations as one JSON line. Runs in its own process so it can be pinned to a core.
import loadProbe from "../dist/probes/load/index.js";

const [url, model, amount, seconds] = process.argv.slice(2);
const config = loadProbe.configSchema.parse({
  target: "bench",
  path: "/",
  [model === "open" ? "rate" : "vus"]: Number(amount),
  ...(model === "open" && { max_in_flight: 10_000 }),
  duration: `${seconds}s`,
  warmup: "0s",
  progress: false,
});
const runner = await loadProbe.loadRunner();
const result = await runner.run(config, {
  signal: new AbortController().signal,
  timeoutMs: (Number(seconds) + 30) * 1000,
  requested: [],
  targets: { bench: { name: "bench", url } },
  baseDir: ".",
});
const o = result.observations;
console.log(
  JSON.stringify({
    rps: o.rps,
    p50: o.p50?.value,
    p99: o.p99?.value,
    requests: o.requests,
    errors: o.error_rate,
    cpu: o.generator_cpu,
  }),
);
