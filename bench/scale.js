/**
 * gonogo's scheduled jobs at scale (issue 14): services × checks on a 1-minute schedule, run by
 * 1 and then 2 `gonogo worker` processes while the oldest worker is SIGKILLed every --kill-every
 * seconds (once its replacement is claiming, so that many workers claim throughout).
 *   npm run build && node bench/scale.js [--services 1000] [--minutes 5] [--checks 20]
 *                                        [--concurrency 16] [--kill-every 30] [--workers 1,2]
 *                                        [--drain-minutes 5]
 * Each service's gonogo.yml has `checks` checks: one sql (`select 1` on the local Postgres), one
 * redis (PING on 127.0.0.1:6379) and the rest http, spread over a farm of 4 local HTTP servers that
 * answer after 5-50 ms (uniform), so the checks are IO-bound; gonogo's default check concurrency (8).
 * Every phase gets a fresh Postgres database of its own (dropped after), `gonogo serve --no-work`
 * to schedule and the workers (`--metrics-port 0`) to run. After `minutes`, the kills and the
 * server stop (no more slots) and the queue is drained (up to --drain-minutes), then it prints:
 *  - sustained checks/s: checks in complete runs that finished between the first slot and the
 *    server's stop, over that time (a worker's capacity when the offered load exceeds it — slots
 *    whose previous run has not ended are skipped, so the backlog stays bounded — else the offered
 *    load), and the ratio of 2 workers to 1 (target ≥ 1.8);
 *  - job pickup latency p50/p99: pg-boss's started_on − max(created_on, start_after) of first
 *    attempts, from pgboss.job; and as the workers' own /metrics saw it (each killed worker is
 *    scraped just before its kill, the others at the end);
 *  - schedule lag p50/p99: when the job was queued − when it was planned (slot + the service's jitter);
 *  - CPU: utime+stime from /proc/<pid>/stat of every backend connected to the phase's database
 *    (pids from pg_stat_activity, sampled every 2 s, deltas summed per pid), of gonogo serve and of
 *    the workers: cores and CPU per check in the window, and over the whole phase (walwriter and
 *    checkpointer not counted);
 *  - lost and duplicated runs: every job pg-boss holds must have exactly one complete run in the
 *    store; a job that ended (completed, or failed with its retries exhausted) without one is lost;
 *    a job still queued or running when the drain gives up is "not drained", said apart (it is not
 *    lost, the measurement is unfinished); complete runs of no known job are counted too.
 * Traffic stays on 127.0.0.1. The machine may be shared: its load average is printed.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { jitterMs } from "../dist/jobs/schedule.js";
import { admin } from "./postgres-admin.js";

const { values: flags } = parseArgs({
  options: {
    services: { type: "string", default: "1000" },
    minutes: { type: "string", default: "5" },
    checks: { type: "string", default: "20" },
    concurrency: { type: "string", default: "16" },
    "kill-every": { type: "string", default: "30" },
    "drain-minutes": { type: "string", default: "5" },
    workers: { type: "string", default: "1,2" },
  },
});
const SERVICES = Number(flags.services);
const MINUTES = Number(flags.minutes);
const CHECKS = Math.max(3, Number(flags.checks));
const CONCURRENCY = Number(flags.concurrency);
const KILL_EVERY_S = Number(flags["kill-every"]);
const DRAIN_MS = Number(flags["drain-minutes"]) * 60_000;
const PHASES = flags.workers.split(",").map(Number);
const MAX_JITTER_MS = 30_000;
const LEASE_S = 30;
const root = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(root, "bin", "gonogo.js");
const TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** 4 HTTP servers on 127.0.0.1 answering 200 after 5-50 ms: the services' dependencies. */
async function startFarm() {
  const servers = [];
  for (let i = 0; i < 4; i++) {
    const server = createServer((_req, res) => {
      setTimeout(() => res.end("ok\n"), 5 + Math.random() * 45);
    });
    server.keepAliveTimeout = 5000;
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
  }
  return {
    urls: servers.map((s) => `http://127.0.0.1:${s.address().port}`),
    close: () =>
      Promise.all(
        servers.map((s) => {
          s.closeAllConnections();
          return new Promise((r) => s.close(r));
        }),
      ),
  };
}

function writeServices(dir, farm, storeUrl) {
  const names = [];
  const items = Array.from({ length: CHECKS }, (_, n) => `dependency ${n} answers`);
  const targets = [
    ...farm.urls.map((url, n) => `  web${n}: { url: "${url}" }`),
    `  db: { url: "${storeUrl}" }`,
    `  cache: { url: "redis://127.0.0.1:6379/0" }`,
  ];
  const checks = items.map((item, n) => {
    if (n === 0)
      return `  c${n}: { item: "${item}", sql: { target: db, query: "select 1" }, expect: ["rows == 1"] }`;
    if (n === 1) return `  c${n}: { item: "${item}", redis: { target: cache }, expect: ["ping == true"] }`;
    return `  c${n}: { item: "${item}", http: { target: web${n % farm.urls.length}, path: /c${n} }, expect: ["status == 200"] }`;
  });
  const yml = `version: 1\ntargets:\n${targets.join("\n")}\ndefaults: { timeout: 5s }\nchecks:\n${checks.join("\n")}\n`;
  const launch = `# Service\n\n## Dependencies\n${items.map((item) => `- [ ] ${item}`).join("\n")}\n`;
  for (let i = 0; i < SERVICES; i++) {
    const name = `svc-${String(i).padStart(4, "0")}`;
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, "LAUNCH.md"), launch);
    writeFileSync(join(dir, name, "gonogo.yml"), yml);
    names.push(name);
  }
  writeFileSync(
    join(dir, "gonogo-server.yml"),
    [
      "jobs:",
      "  poll_interval: 500ms",
      `  lease: ${LEASE_S}s`,
      "  supervise_interval: 2s",
      "  retries: 10",
      "  shutdown_grace: 5s",
      `  max_jitter: ${MAX_JITTER_MS / 1000}s`,
      "services:",
      ...names.map((n) => `  - { name: ${n}, checklist: ${n}/LAUNCH.md, schedule: "* * * * *" }`),
      "",
    ].join("\n"),
  );
  return names;
}

/** Spawns `gonogo <args>`; resolves once `ready` matches its stderr. */
function spawnGonogo(args, ready, onLine = () => {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let buffer = "";
  let seen = "";
  const started = new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk) => {
      buffer += chunk;
      if (seen.length < 20_000) seen += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop();
      for (const line of lines) {
        onLine(line);
        const m = ready.exec(line);
        if (m) resolve(m);
      }
    });
    child.on("exit", (code, signal) =>
      reject(new Error(`gonogo ${args[0]} exited ${code ?? signal}:\n${seen}`)),
    );
  });
  started.catch(() => {});
  return { child, started, exited: new Promise((r) => child.on("exit", r)) };
}

/** utime+stime of a pid in seconds, or null when it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return null;
  }
}

/** CPU seconds per group, from the last sample of each pid seen (a pid's CPU only grows). */
function cpuMeter() {
  const last = new Map();
  const first = new Map();
  return {
    sample(group, pid) {
      const s = cpuSeconds(pid);
      if (s === null) return;
      const key = `${group}:${pid}`;
      if (!first.has(key)) first.set(key, s);
      last.set(key, s);
    },
    total(group) {
      let sum = 0;
      for (const [key, s] of last) if (key.startsWith(`${group}:`)) sum += s - first.get(key);
      return sum;
    },
  };
}

/** Count, p50 and p99 (bucket upper bounds) of a histogram summed over several expositions. */
function histogramQuantiles(expositions, name) {
  const buckets = new Map();
  for (const text of expositions)
    for (const m of text.matchAll(new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} (\\S+)$`, "gm")))
      buckets.set(m[1], (buckets.get(m[1]) ?? 0) + Number(m[2]));
  const sorted = [...buckets]
    .map(([le, n]) => [le === "+Inf" ? Infinity : Number(le), n])
    .sort((a, b) => a[0] - b[0]);
  const count = sorted.at(-1)?.[1] ?? 0;
  const at = (q) => sorted.find(([, n]) => n >= q * count)?.[0] ?? Number.NaN;
  return { count, p50: at(0.5), p99: at(0.99), scraped: expositions.filter((t) => t.includes(name)).length };
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};

async function phase(workerCount, farm) {
  const database = `gonogo_bench_scale_${randomBytes(4).toString("hex")}`;
  const storeUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
  const dir = mkdtempSync(join(tmpdir(), "gonogo-bench-scale-"));
  const procs = { serve: null, workers: [] };
  const timers = [];
  const client = new pg.Client(storeUrl);
  try {
    await admin(`CREATE DATABASE ${database}`);
    execFileSync(process.execPath, [BIN, "migrate", "--store", storeUrl], { stdio: "ignore" });
    const names = writeServices(dir, farm, storeUrl);
    const config = join(dir, "gonogo-server.yml");
    await client.connect();

    let skipped = 0;
    // The server schedules from its start: its first whole slot starts the throughput window.
    const firstSlot = Math.ceil(Date.now() / 60_000) * 60_000;
    const serve = spawnGonogo(
      ["serve", "--no-work", "--port", "0", "--config", config, "--store", storeUrl],
      /serving on (http:\/\/\S+)/,
      (line) => {
        if (line.includes("schedule: skipped")) skipped += 1;
      },
    );
    const serveUrl = (await serve.started)[1];
    procs.serve = serve;
    const meter = cpuMeter();
    const startUps = [];
    const scrape = async (w) => {
      const url = (await w.started.catch(() => null))?.[1];
      // A worker that could not start has nothing to say.
      return url
        ? fetch(url)
            .then((r) => r.text())
            .catch(() => "")
        : "";
    };
    const scraped = [];
    const startWorker = () => {
      const spawned = Date.now();
      const worker = spawnGonogo(
        [
          "worker",
          "--config",
          config,
          "--store",
          storeUrl,
          "--concurrency",
          String(CONCURRENCY),
          "--metrics-port",
          "0",
        ],
        /worker ready.*metrics on (http:\/\/\S+)/,
      );
      worker.started.then(() => startUps.push((Date.now() - spawned) / 1000)).catch(() => {});
      return worker;
    };
    for (let i = 0; i < workerCount; i++) procs.workers.push(startWorker());
    await Promise.all(procs.workers.map((w) => w.started));

    const sampleAll = async () => {
      meter.sample("serve", serve.child.pid);
      for (const w of procs.workers) meter.sample("workers", w.child.pid);
      const backends = await client.query(
        "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [database],
      );
      for (const { pid } of backends.rows) meter.sample("postgres", pid);
    };
    await sampleAll();
    let sampling = false;
    timers.push(
      setInterval(() => {
        if (sampling) return;
        sampling = true;
        sampleAll()
          .catch(() => {})
          .finally(() => {
            sampling = false;
          });
      }, 2000),
    );

    // The oldest worker is SIGKILLed once its replacement is claiming, so `workerCount` workers
    // claim throughout: pickup latency measures the queue, not a worker's start-up (printed apart).
    let kills = 0;
    let killing = false;
    const killer = setInterval(async () => {
      if (killing) return;
      killing = true;
      const victim = procs.workers[0];
      const replacement = startWorker();
      procs.workers.push(replacement);
      await replacement.started.catch(() => {});
      scraped.push(await scrape(victim));
      meter.sample("workers", victim.child.pid);
      victim.child.kill("SIGKILL");
      kills += 1;
      procs.workers.splice(procs.workers.indexOf(victim), 1);
      killing = false;
    }, KILL_EVERY_S * 1000);
    timers.push(killer);

    const started = Date.now();
    console.log(
      `  ${workerCount} worker(s) × concurrency ${CONCURRENCY} on ${database}; first slot ${new Date(firstSlot).toISOString()}, scheduling for ${MINUTES} min`,
    );
    await sleep(MINUTES * 60_000);
    clearInterval(killer);
    while (killing) await sleep(100);
    // The workers' own /metrics: the live ones now, the killed ones were scraped just before.
    scraped.push(...(await Promise.all(procs.workers.map(scrape))));
    void serveUrl;
    serve.child.kill("SIGTERM");
    await serve.exited;
    const stopped = Date.now();
    await sampleAll().catch(() => {});
    const windowCpu = {
      pg: meter.total("postgres"),
      gonogo: meter.total("serve") + meter.total("workers"),
      seconds: (stopped - started) / 1000,
    };
    // No more kills (stopped above): the drain only lets every job queued end (a job of a worker
    // killed in the window waits out its lease, then is retried), so that each can be accounted for.
    const drainBy = Date.now() + DRAIN_MS;
    let pending = Number.POSITIVE_INFINITY;
    let said = Date.now();
    while (Date.now() < drainBy) {
      const r = await client.query(
        "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'gonogo-verify' AND state IN ('created', 'retry', 'active')",
      );
      pending = r.rows[0].n;
      if (pending === 0) break;
      if (Date.now() - said > 30_000) {
        console.log(`    draining: ${pending} jobs still queued or running`);
        said = Date.now();
      }
      await sleep(1000);
    }
    const drainSeconds = (Date.now() - stopped) / 1000;
    for (const t of timers) clearInterval(t);
    timers.length = 0;
    await sampleAll().catch(() => {});
    for (const w of procs.workers) w.child.kill("SIGTERM");
    await Promise.all(procs.workers.map((w) => w.exited));
    procs.workers = [];

    const jobs = (
      await client.query(
        `SELECT j.id::text, j.state::text AS state, j.retry_count, j.data->>'service' AS service,
                j.data->>'scheduledFor' AS slot,
                extract(epoch FROM j.created_on) * 1000 AS created,
                extract(epoch FROM greatest(j.created_on, j.start_after)) * 1000 AS due,
                extract(epoch FROM j.started_on) * 1000 AS picked,
                (SELECT count(*)::int FROM runs r WHERE r.job_id = j.id::text AND r.complete) AS complete_runs,
                (SELECT count(*)::int FROM runs r WHERE r.job_id = j.id::text AND NOT r.complete) AS cut_runs
         FROM pgboss.job j WHERE j.name = 'gonogo-verify'`,
      )
    ).rows;
    const orphans = (
      await client.query(
        "SELECT count(*)::int AS n FROM runs r WHERE r.complete AND (r.job_id IS NULL OR r.job_id NOT IN (SELECT id::text FROM pgboss.job))",
      )
    ).rows[0].n;
    const window = (
      await client.query(
        `SELECT count(*)::int AS runs,
                coalesce(sum((SELECT sum(json_array_length(i->'checks')) FROM json_array_elements(r.report->'items') i)), 0)::int AS checks,
                coalesce(sum((SELECT count(*) FROM json_array_elements(r.report->'items') i, json_array_elements(i->'checks') c
                               WHERE c->>'status' = 'pass')), 0)::int AS passed
         FROM runs r WHERE r.complete AND r.finished_at >= $1 AND r.finished_at <= $2`,
        [new Date(firstSlot).toISOString(), new Date(stopped).toISOString()],
      )
    ).rows[0];
    const allChecks = (
      await client.query(
        `SELECT coalesce(sum((SELECT sum(json_array_length(i->'checks')) FROM json_array_elements(r.report->'items') i)), 0)::int AS n
         FROM runs r WHERE r.complete`,
      )
    ).rows[0].n;
    const seconds = (stopped - firstSlot) / 1000;
    const firsts = jobs.filter((j) => j.retry_count === 0 && j.picked !== null);
    const pickup = firsts.map((j) => (Number(j.picked) - Number(j.due)) / 1000);
    const lag = jobs
      .filter((j) => j.slot)
      .map(
        (j) => (Number(j.created) - (Date.parse(j.slot) + jitterMs(j.service, MAX_JITTER_MS, 60_000))) / 1000,
      );
    const pgCpu = meter.total("postgres");
    const gonogoCpu = meter.total("serve") + meter.total("workers");
    const ended = (j) => !["created", "retry", "active"].includes(j.state);
    const lostJobs = jobs.filter((j) => ended(j) && j.complete_runs === 0);
    return {
      workerCount,
      services: names.length,
      jobs: jobs.length,
      retried: jobs.filter((j) => j.retry_count > 0).length,
      pending,
      notDrained: jobs.filter((j) => !ended(j)).length,
      drainSeconds,
      lost: lostJobs.length,
      lostFailed: lostJobs.filter((j) => j.state === "failed" || j.state === "cancelled").length,
      duplicated: jobs.filter((j) => j.complete_runs > 1).length,
      cutRuns: jobs.reduce((n, j) => n + j.cut_runs, 0),
      orphans,
      kills,
      skipped,
      runs: window.runs,
      passShare: window.passed / Math.max(1, window.checks),
      checksPerSecond: window.checks / seconds,
      runSeconds: seconds,
      pickupP50: quantile(pickup, 0.5),
      pickupP99: quantile(pickup, 0.99),
      lagP50: quantile(lag, 0.5),
      lagP99: quantile(lag, 0.99),
      pgCores: pgCpu / ((Date.now() - started) / 1000),
      pgShare: pgCpu / Math.max(1e-9, pgCpu + gonogoCpu),
      gonogoCores: gonogoCpu / ((Date.now() - started) / 1000),
      workerPickup: histogramQuantiles(scraped, "gonogo_job_pickup_latency_seconds"),
      startUpP50: quantile(startUps, 0.5),
      windowPgMsPerCheck: (windowCpu.pg * 1000) / Math.max(1, window.checks),
      windowGonogoMsPerCheck: (windowCpu.gonogo * 1000) / Math.max(1, window.checks),
      windowGonogoCores: windowCpu.gonogo / windowCpu.seconds,
      windowPgCores: windowCpu.pg / windowCpu.seconds,
      // CPU per check run in the whole phase (drain and restarted workers' start-up included).
      pgMsPerCheck: (pgCpu * 1000) / Math.max(1, allChecks),
      gonogoMsPerCheck: (gonogoCpu * 1000) / Math.max(1, allChecks),
    };
  } finally {
    for (const t of timers) clearInterval(t);
    for (const w of procs.workers) w.child.kill("SIGKILL");
    procs.serve?.child.kill("SIGKILL");
    await client.end().catch(() => {});
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((error) =>
      console.error(`could not drop ${database}: ${error.message}`),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

const farm = await startFarm();
try {
  console.log(
    `bench/scale: ${SERVICES} services × ${CHECKS} checks (1 sql, 1 redis, ${CHECKS - 2} http to 4 local servers answering in 5-50 ms), every minute, ${MINUTES} min per phase; a worker SIGKILLed every ${KILL_EVERY_S} s`,
  );
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} (shared); offered load ${((SERVICES * CHECKS) / 60).toFixed(1)} checks/s`,
  );
  const results = [];
  for (const n of PHASES) {
    const r = await phase(n, farm);
    results.push(r);
    const s = (v) => (Number.isFinite(v) ? v.toFixed(3) : "n/a");
    console.log(
      [
        `  ${n} worker(s): ${r.checksPerSecond.toFixed(1)} checks/s sustained (${r.runs} complete runs over ${r.runSeconds.toFixed(0)} s, ${(r.passShare * 100).toFixed(1)}% of checks passed; ${r.skipped} slots skipped as still queued/running)`,
        `    pickup p50 ${s(r.pickupP50)} s  p99 ${s(r.pickupP99)} s (first attempts, from pgboss.job); the workers' /metrics (${r.workerPickup.scraped} scraped): ${r.workerPickup.count} pickups, p50 ≤ ${r.workerPickup.p50} s, p99 ≤ ${r.workerPickup.p99} s`,
        `    schedule lag (queued − slot − jitter) p50 ${s(r.lagP50)} s  p99 ${s(r.lagP99)} s`,
        `    in the window: Postgres backends ${r.windowPgCores.toFixed(2)} cores, gonogo (serve + workers) ${r.windowGonogoCores.toFixed(2)} cores; CPU per check ${r.windowPgMsPerCheck.toFixed(2)} ms Postgres, ${r.windowGonogoMsPerCheck.toFixed(2)} ms gonogo`,
        `    whole phase (drain, restarts): Postgres ${(r.pgShare * 100).toFixed(1)}% of the CPU of backends + gonogo; CPU per check ${r.pgMsPerCheck.toFixed(2)} ms Postgres, ${r.gonogoMsPerCheck.toFixed(2)} ms gonogo`,
        `    ${r.jobs} jobs, ${r.kills} SIGKILLs (a worker starts in ${s(r.startUpP50)} s, median), ${r.retried} jobs retried, ${r.cutRuns} runs cut off (incomplete); drained in ${r.drainSeconds.toFixed(0)} s${r.notDrained > 0 ? `: NOT DRAINED, ${r.notDrained} jobs still queued or running after ${DRAIN_MS / 60_000} min (neither lost nor counted)` : ""}`,
        `    lost ${r.lost} (ended without a complete run: ${r.lostFailed} with retries exhausted), duplicated ${r.duplicated}, complete runs of no job ${r.orphans}: ${r.lost + r.duplicated + r.orphans === 0 ? "ok" : "FAILED"}`,
        `    load average now ${loadavg()[0].toFixed(1)}`,
      ].join("\n"),
    );
  }
  const one = results.find((r) => r.workerCount === 1);
  const two = results.find((r) => r.workerCount === 2);
  if (one && two) {
    const ratio = two.checksPerSecond / one.checksPerSecond;
    console.log(
      `ratio 2 workers / 1: ${ratio.toFixed(2)}× ${ratio >= 1.8 ? "ok (≥ 1.8×)" : "UNDER 1.8×"}${one.checksPerSecond > ((SERVICES * CHECKS) / 60) * 0.95 ? " (1 worker kept up with the offered load: raise --services or lower --concurrency to measure capacity)" : ""}`,
    );
  }
} finally {
  await farm.close();
}
