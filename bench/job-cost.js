/**
 * What one scheduled job costs a worker, phase by phase (issue 14): the 20-check service of
 * bench/scale.js verified `jobs` times in a row through the pipeline a worker runs (job-run lookup,
 * git state, read + bind + start of the record, checks, verdict + record), on a fresh Postgres store.
 *   npm run build && node bench/job-cost.js [jobs=100] [checkConcurrency=8]
 * Prints wall time per phase and the process's CPU per job (process.cpuUsage: user + system, the
 * kernel's side of its sockets included), and each store call's count and mean time per job. One
 * job runs first, uncounted: it loads modules and warms the JIT, as a worker does once. CPU per
 * job is the figure to compare across machines and loads; wall times stretch with the load
 * average (printed). `node --cpu-prof bench/job-cost.js` writes a profile of the same work.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { readChecklistBytes } from "../dist/checklist/source.js";
import { readConfigBytes } from "../dist/config/load-config.js";
import { verifyChecklist } from "../dist/pipeline/index.js";
import { gitCommit, openStore } from "../dist/store/index.js";

const JOBS = Number(process.argv[2] ?? 100);
const CHECK_CONCURRENCY = Number(process.argv[3] ?? 8);
const BIN = fileURLToPath(new URL("../bin/gonogo.js", import.meta.url));
const database = `gonogo_bench_jobcost_${process.pid}`;
const url = `postgres://postgres@127.0.0.1:5432/${database}`;
const admin = new pg.Client("postgres://postgres@127.0.0.1:5432/postgres");
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const dir = mkdtempSync(join(tmpdir(), "gonogo-bench-jobcost-"));
const servers = [];
try {
  execFileSync(process.execPath, [BIN, "migrate", "--store", url], { stdio: "ignore" });
  for (let i = 0; i < 4; i++) {
    const server = createServer((_req, res) => setTimeout(() => res.end("ok\n"), 5 + Math.random() * 45));
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
  }
  const items = Array.from({ length: 20 }, (_, n) => `dependency ${n} answers`);
  const checks = items.map((item, n) => {
    if (n === 0)
      return `  c${n}: { item: "${item}", sql: { target: db, query: "select 1" }, expect: ["rows == 1"] }`;
    if (n === 1) return `  c${n}: { item: "${item}", redis: { target: cache }, expect: ["ping == true"] }`;
    return `  c${n}: { item: "${item}", http: { target: web${n % 4}, path: /c${n} }, expect: ["status == 200"] }`;
  });
  const targets = servers.map((s, n) => `  web${n}: { url: "http://127.0.0.1:${s.address().port}" }`);
  writeFileSync(
    join(dir, "gonogo.yml"),
    `version: 1\ntargets:\n${targets.join("\n")}\n  db: { url: "${url}" }\n  cache: { url: "redis://127.0.0.1:6379/0" }\ndefaults: { timeout: 5s, concurrency: ${CHECK_CONCURRENCY} }\nchecks:\n${checks.join("\n")}\n`,
  );
  writeFileSync(
    join(dir, "LAUNCH.md"),
    `# Service\n\n## Dependencies\n${items.map((i) => `- [ ] ${i}`).join("\n")}\n`,
  );

  const store = await openStore({ store: url });
  const calls = new Map();
  for (const name of Object.keys(store)) {
    const method = store[name];
    if (typeof method !== "function" || name === "close") continue;
    store[name] = async (...args) => {
      const started = performance.now();
      try {
        return await method.apply(store, args);
      } finally {
        const seen = calls.get(name) ?? { count: 0, ms: 0 };
        seen.count += 1;
        seen.ms += performance.now() - started;
        calls.set(name, seen);
      }
    };
  }
  const phases = new Map();
  const add = (phase, ms) => phases.set(phase, (phases.get(phase) ?? 0) + ms);
  const list = join(dir, "LAUNCH.md");
  const config = join(dir, "gonogo.yml");
  // One job first, not counted: it loads the probes' modules and drivers and warms the JIT, which
  // a worker does once in its life (~0.5 s of CPU here), not once a job.
  const first = process.cpuUsage();
  await verifyChecklist(
    {
      checklist: { path: list, bytes: () => readChecklistBytes(list) },
      config: { path: config, bytes: () => readConfigBytes(config) },
      env: process.env,
      provenance: { checklistKey: "bench-warm-up", git: null, jobId: "warm-up" },
    },
    { actor: "schedule", store: null },
  );
  const firstUsed = process.cpuUsage(first);
  const load = loadavg()[0];
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let job = 0; job < JOBS; job++) {
    let mark = performance.now();
    const lap = (phase) => {
      const now = performance.now();
      add(phase, now - mark);
      mark = now;
    };
    await store.listJobRuns(`job-${job}`);
    lap("job's runs looked up");
    const git = await gitCommit(list);
    lap("git state");
    const outcome = await verifyChecklist(
      {
        checklist: { path: list, bytes: () => readChecklistBytes(list) },
        config: { path: config, bytes: () => readConfigBytes(config) },
        env: process.env,
        provenance: { checklistKey: "bench-service", git, jobId: `job-${job}` },
      },
      {
        actor: "schedule",
        store,
        onEvent: (event) => {
          if (event.type === "run-started") lap("read, bind, start record");
          if (event.type === "checks-finished") lap("checks");
        },
      },
    );
    lap("verdict, finish record");
    if (outcome.report.summary.pass !== 20) console.error("not every check passed:", outcome.report.summary);
  }
  const used = process.cpuUsage(cpu);
  console.log(
    `${JOBS} jobs of 20 checks (check concurrency ${CHECK_CONCURRENCY}), load average ${load.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`,
  );
  console.log(
    `  CPU per job ${((used.user + used.system) / 1000 / JOBS).toFixed(1)} ms (${((used.user + used.system) / 1000 / JOBS / 20).toFixed(2)} ms a check); wall per job ${((performance.now() - wall) / JOBS).toFixed(1)} ms`,
  );
  console.log(
    `  first job, not counted above: ${((firstUsed.user + firstUsed.system) / 1000).toFixed(0)} ms CPU`,
  );
  for (const [phase, ms] of phases) console.log(`  ${phase.padEnd(26)} ${(ms / JOBS).toFixed(1)} ms wall`);
  for (const [name, { count, ms }] of calls)
    console.log(
      `  store.${name.padEnd(20)} ${(count / JOBS).toFixed(2)} a job, ${(ms / count).toFixed(1)} ms each`,
    );
  await store.close();
} finally {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
