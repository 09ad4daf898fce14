/**
 * gonogo serve at scale, on Postgres: 1,000 checklists and 100,000 runs.
 *   npm run build && node bench/serve.js [seconds=15] [rate=1000] [connections=10]
 * Seeds a fresh database of its own (dropped at the end), starts `gonogo serve` on it, then
 * measures the service list and checklist APIs (server time from the Server-Timing header, p95)
 * and `GET /api/v1/runs/:id` for `seconds` at `rate` req/s with gonogo's load probe (open model),
 * then with wrk (closed model, as many connections, a Lua script for the Authorization header), and
 * prints figures and gonogo's ratio to wrk. Targets (issue 13): list and checklist p95 < 100 ms
 * server time; run report at 1,000 req/s with p99 < 10 ms.
 */

import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import loadProbe from "../dist/probes/load/index.js";
import { checklistKey } from "../dist/store/index.js";
import { admin } from "./postgres-admin.js";
import { readWrkOutput } from "./wrk-output.js";

const seconds = Number(process.argv[2] ?? 15);
const rate = Number(process.argv[3] ?? 1000);
const connections = Number(process.argv[4] ?? 10);
const CHECKLISTS = 1000;
const RUNS = 100_000;
const ITEMS_PER_REPORT = 30;
const root = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(root, "bin", "gonogo.js");

// GONOGO_BENCH_KEEP=1 keeps the seeded database and folder and prints how to reuse them with
// GONOGO_BENCH_REUSE=<database>:<folder> (seeding takes minutes; the reused ones are then dropped).
const reuse = process.env.GONOGO_BENCH_REUSE?.split(":");
const keep = process.env.GONOGO_BENCH_KEEP === "1";
const database = reuse?.[0] ?? `gonogo_bench_${randomBytes(4).toString("hex")}`;
const storeUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
const dir = reuse?.[1] ?? mkdtempSync(join(tmpdir(), "gonogo-bench-serve-"));

function cli(args) {
  return execFileSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** A JSON report v1 of a checklist with ITEMS_PER_REPORT items, each with one http check: ~12 KB. */
function report(i, verdict) {
  const items = Array.from({ length: ITEMS_PER_REPORT }, (_, n) => ({
    id: `health-item-${n}`,
    text: `Endpoint ${n} answers 200 within 300ms under normal load (p95)`,
    line: 3 + n,
    section: "health",
    parent: null,
    checked: n % 3 !== 0,
    status: n % 7 === 0 && verdict === "NO-GO" ? "fail" : "pass",
    checks: [
      {
        id: `check-${n}`,
        probe: "http",
        status: n % 7 === 0 && verdict === "NO-GO" ? "fail" : "pass",
        durationMs: 12 + n,
        observations: { status: 200, latency: { value: 41.5 + n, unit: "ms" }, secrets: 0 },
        expectations: [
          { expr: "status == 200", ok: true, actual: "200" },
          { expr: "latency < 300ms", ok: true, actual: `${41 + n}ms` },
        ],
      },
    ],
  }));
  const pass = items.filter((item) => item.status === "pass").length;
  const summary = {
    items: items.length,
    applicable: items.length,
    pass,
    fail: items.length - pass,
    error: 0,
    attested: 0,
    waived: 0,
    claimed: 0,
    open: 0,
    verifiedPct: Math.round((pass / items.length) * 1000) / 10,
    claimedPct: Math.round((pass / items.length) * 1000) / 10,
  };
  return {
    summary,
    report: {
      schemaVersion: 1,
      tool: { name: "gonogo", version: "0.1.0" },
      checklist: { path: `svc-${i}/LAUNCH.md`, title: `Service ${i} launch`, sha256: "0".repeat(64) },
      verdict,
      summary,
      gates: [
        {
          name: "overall",
          ok: verdict === "GO",
          actual: `${summary.verifiedPct}%`,
          required: "85%",
          reason: "",
        },
      ],
      sections: [{ id: "health", title: "Health", level: 2, line: 2, summary }],
      items,
    },
  };
}

/** 1,000 services in a server config; the store's runs: 100 per checklist, every 50th incomplete. */
async function seed() {
  await admin(`CREATE DATABASE ${database}`);
  cli(["migrate", "--store", storeUrl]);
  const services = [];
  for (let i = 0; i < CHECKLISTS; i++) {
    const name = `svc-${String(i).padStart(4, "0")}`;
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "LAUNCH.md"), `# ${name}\n\n- [ ] Health\n`);
    writeFileSync(join(dir, name, "gonogo.yml"), "version: 1\nchecks: {}\n");
    services.push({ name, key: checklistKey(join(dir, name, "LAUNCH.md")) });
  }
  writeFileSync(
    join(dir, "gonogo-server.yml"),
    `services:\n${services.map((s) => `  - { name: ${s.name}, checklist: ${s.name}/LAUNCH.md }`).join("\n")}\n`,
  );
  const client = new pg.Client(storeUrl);
  await client.connect();
  try {
    await client.query(
      "CREATE TEMP TABLE templates (i int, key text, verdict text, summary text, report text)",
    );
    for (let at = 0; at < CHECKLISTS; at += 100) {
      const rows = services.slice(at, at + 100).map((s, n) => {
        const verdict = (at + n) % 4 === 0 ? "NO-GO" : "GO";
        const made = report(at + n, verdict);
        return [at + n, s.key, verdict, JSON.stringify(made.summary), JSON.stringify(made.report)];
      });
      await client.query(
        "INSERT INTO templates SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[])",
        [0, 1, 2, 3, 4].map((c) => rows.map((r) => r[c])),
      );
    }
    // Server-side bulk insert: the reports never cross the socket 100,000 times.
    for (let from = 0; from < RUNS; from += 10_000)
      await client.query(
        `INSERT INTO runs (checklist, checklist_sha256, config_hash, git_commit, run_by, started_at,
                           finished_at, complete, verdict, summary, report)
         SELECT t.key, repeat('0', 64), 'sha256:bench', null, 'bench',
                now() - make_interval(secs => ${RUNS} - g), now() - make_interval(secs => ${RUNS} - g - 1),
                g % 50 <> 49, t.verdict, t.summary::json, t.report::json
         FROM generate_series(${from}, ${from + 9_999}) g JOIN templates t ON t.i = g % ${CHECKLISTS}`,
      );
    await client.query("ANALYZE runs");
    const ids = await client.query("SELECT id FROM runs WHERE complete ORDER BY random() LIMIT 1000");
    const size = await client.query(
      "SELECT pg_size_pretty(pg_total_relation_size('runs')) AS size, avg(length(report::text))::int AS avg FROM runs",
    );
    return { ids: ids.rows.map((r) => Number(r.id)), size: size.rows[0] };
  } finally {
    await client.end();
  }
}

async function reused() {
  const client = new pg.Client(storeUrl);
  await client.connect();
  try {
    const ids = await client.query("SELECT id FROM runs WHERE complete ORDER BY random() LIMIT 1000");
    return { ids: ids.rows.map((r) => Number(r.id)), size: { size: "(reused)", avg: "?" } };
  } finally {
    await client.end();
  }
}

function startServe(env) {
  const child = spawn(
    process.execPath,
    [BIN, "serve", "--port", "0", "--config", join(dir, "gonogo-server.yml"), "--store", storeUrl],
    {
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      const url = /gonogo: serving on (http:\/\/\S+)\n/.exec(stderr)?.[1];
      if (url) resolve({ url, child, pid: child.pid, stop: () => child.kill("SIGTERM") });
    });
    child.on("close", (code) => reject(new Error(`gonogo serve exited ${code}:\n${stderr}`)));
  });
}

/** CPU time (user + system, ms) a process has used: /proc/<pid>/stat, in clock ticks of 10 ms. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The Postgres backends serving the bench database (gonogo serve's pool), whose CPU a request costs too. */
async function storeBackends() {
  const client = new pg.Client(storeUrl);
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
      [database],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/**
 * `measure`, with the CPU time each request cost the server process and its Postgres backends:
 * unlike wall time, it hardly moves with the load other processes put on the machine.
 */
async function measureCpu(serverPid, ...args) {
  const backends = await storeBackends();
  const [node0, pg0] = [cpuMs(serverPid), backends.map(cpuMs)];
  const timed = await measure(...args);
  const count = args[2].length;
  const pgMs = backends.map(cpuMs).reduce((sum, ms, i) => sum + ms - (pg0[i] ?? 0), 0);
  return { ...timed, nodeCpu: (cpuMs(serverPid) - node0) / count, pgCpu: pgMs / count };
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};

/** Sequential GETs of `paths`: server time (Server-Timing) and client time, p50 and p95. */
/** A browser session opened with the token, as a person signs in: the cookies the dashboard needs. */
async function signIn(url, token) {
  const page = await fetch(`${url}/sign-in`);
  const cookies = page.headers.getSetCookie().map((c) => c.split(";")[0]);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error("/sign-in: no CSRF field in the page");
  const signed = await fetch(`${url}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ token, _csrf: csrf }).toString(),
  });
  if (signed.status !== 303) throw new Error(`/sign-in: ${signed.status} ${await signed.text()}`);
  return [...cookies, ...signed.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
}

async function measure(url, token, paths, headers = { authorization: `Bearer ${token}` }) {
  const server = [];
  const client = [];
  let bytes = 0;
  for (const path of paths) {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers, redirect: "manual" });
    const body = await response.arrayBuffer();
    client.push(performance.now() - started);
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${Buffer.from(body).toString()}`);
    bytes += body.byteLength;
    server.push(Number(/dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "")?.[1]));
  }
  return {
    serverP50: quantile(server, 0.5),
    serverP95: quantile(server, 0.95),
    clientP95: quantile(client, 0.95),
    bytes: Math.round(bytes / paths.length),
  };
}

async function gonogoLoad(url, token, ids) {
  const config = loadProbe.configSchema.parse({
    target: "api",
    rate,
    connections,
    duration: `${seconds}s`,
    warmup: "2s",
    progress: false,
    mix: ids.slice(0, 200).map((id, n) => ({ name: `r${n}`, path: `/api/v1/runs/${id}` })),
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
  if (o.p99 === null || o.p99 === undefined) throw new Error(`no answers: ${JSON.stringify(o)}`);
  return {
    rps: o.rps,
    p50: o.p50?.value,
    p99: o.p99?.value,
    errors: o.error_rate,
    dropped: o.dropped,
    generator: `generator CPU ${Math.round(o.generator_cpu * 100)}%, event-loop lag p99 ${o.generator_lag?.value} ms, sent late p99 ${result.evidence?.generator?.issueDelayP99Ms} ms${o.generator_saturated ? " (saturated: its own delay is in the latency)" : ""}`,
  };
}

function wrk(url, token, ids) {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
  } catch (error) {
    if (error.code === "ENOENT") return null;
  }
  const script = join(dir, "runs.lua");
  writeFileSync(
    script,
    [
      `local ids = { ${ids.join(", ")} }`,
      "local i = 0",
      `wrk.headers["Authorization"] = "Bearer ${token}"`,
      "request = function()",
      "  i = i + 1",
      '  return wrk.format("GET", "/api/v1/runs/" .. ids[(i % #ids) + 1])',
      "end",
      // Non-2xx answers are counted, so a refused token cannot pass for speed.
      "done = function(summary, latency, requests)",
      '  io.write(string.format("non2xx %d\\n", summary.errors.status))',
      "end",
    ].join("\n"),
    { mode: 0o600 },
  );
  const out = execFileSync(
    "wrk",
    ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, url],
    {
      encoding: "utf8",
    },
  );
  return readWrkOutput(out);
}

/** The share of answers to `route` the server gave within 5 and 10 ms, from its /metrics histogram. */
async function serverShare(url, route) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts = {};
  for (const line of text.split("\n")) {
    if (!line.startsWith("gonogo_http_request_duration_seconds_bucket{")) continue;
    if (!line.includes(`route="${route}"`) || !line.includes('status="200"')) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    counts[le] = Number(line.split(" ").at(-1));
  }
  return { le5: counts["0.005"] ?? 0, le10: counts["0.01"] ?? 0, all: counts["+Inf"] ?? 0 };
}

const ms = (value) => `${value.toFixed(2).padStart(8)} ms`;
let serve;
try {
  const seedStarted = performance.now();
  const { ids, size } = reuse ? await reused() : await seed();
  console.log(
    `seeded ${database}: ${CHECKLISTS} checklists, ${RUNS} runs (runs table ${size.size}, report ${size.avg} B on average) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  const token = cli([
    "token",
    "create",
    "--name",
    `bench-${randomBytes(3).toString("hex")}`,
    "--role",
    "viewer",
    "--store",
    storeUrl,
  ]).trim();
  serve = await startServe({});
  console.log(`gonogo serve on ${serve.url}; machine: shared, load average ${loadavg()[0].toFixed(1)}`);

  console.log("\nServer time (Server-Timing), sequential requests:");
  const pages = Array.from({ length: 60 }, (_, n) => `/api/v1/checklists?limit=100&page=${(n % 10) + 1}`);
  const list = await measure(serve.url, token, pages);
  const names = Array.from(
    { length: 200 },
    (_, n) => `/api/v1/checklists/svc-${String((n * 37) % CHECKLISTS).padStart(4, "0")}`,
  );
  const detail = await measure(serve.url, token, names);
  // The dashboard is for signed-in browsers (a Bearer token is redirected to /sign-in): sign in first.
  const cookie = await signIn(serve.url, token).catch((error) => {
    console.log(`  sign-in failed (${error.message}): dashboard skipped`);
    return null;
  });
  const rows = [
    ["GET /api/v1/checklists?limit=100", list],
    ["GET /api/v1/checklists/:name", detail],
  ];
  if (cookie) {
    await measure(serve.url, token, Array(5).fill("/"), { cookie }); // the pool's connections, warm
    rows.push([
      "GET / (dashboard, 1000 services)",
      await measureCpu(serve.pid, serve.url, token, Array(60).fill("/"), { cookie }),
    ]);
  }
  for (const [name, r] of rows)
    console.log(
      `  ${name.padEnd(36)} server p50 ${ms(r.serverP50)}  p95 ${ms(r.serverP95)}  client p95 ${ms(r.clientP95)}  ${r.bytes} B  ${r.serverP95 < 100 ? "ok (< 100 ms)" : "OVER 100 ms"}` +
        (r.nodeCpu === undefined
          ? ""
          : `\n    CPU a request: gonogo serve ${r.nodeCpu.toFixed(1)} ms + its Postgres backends ${r.pgCpu.toFixed(1)} ms (load average ${loadavg()[0].toFixed(1)})`),
    );

  console.log(`\nGET /api/v1/runs/:id over ${ids.length} runs, ${seconds} s each:`);
  const before = await serverShare(serve.url, "/api/v1/runs/:id");
  const gonogo = await gonogoLoad(serve.url, token, ids);
  const after = await serverShare(serve.url, "/api/v1/runs/:id");
  const viaWrk = wrk(serve.url, token, ids);
  const afterWrk = await serverShare(serve.url, "/api/v1/runs/:id");
  const share = (k, from = before, to = after) =>
    (((to[k] - from[k]) / Math.max(1, to.all - from.all)) * 100).toFixed(1);
  console.log(
    `  gonogo load (open, ${rate}/s, ${connections} conn.)${Math.round(gonogo.rps).toString().padStart(6)} req/s  p50 ${ms(gonogo.p50)}  p99 ${ms(gonogo.p99)}  errors ${(gonogo.errors * 100).toFixed(2)}%  ${gonogo.p99 < 10 && gonogo.rps >= rate * 0.95 ? "ok (p99 < 10 ms)" : "MISSED p99 < 10 ms at the rate"}`,
  );
  console.log(
    `    ${gonogo.generator}; ${gonogo.dropped} dropped\n` +
      `    server answered ${share("le5")}% within 5 ms, ${share("le10")}% within 10 ms (/metrics histogram)`,
  );
  if (viaWrk)
    console.log(
      `  wrk -t1 -c${connections} (closed)          ${Math.round(viaWrk.rps).toString().padStart(6)} req/s  p50 ${ms(viaWrk.p50)}  p99 ${ms(viaWrk.p99)}  non-2xx ${viaWrk.non2xx}\n` +
        `    server answered ${share("le5", after, afterWrk)}% within 5 ms, ${share("le10", after, afterWrk)}% within 10 ms during wrk\n` +
        `  ratio gonogo/wrk: p50 ${(gonogo.p50 / viaWrk.p50).toFixed(2)}×, p99 ${(gonogo.p99 / viaWrk.p99).toFixed(2)}× (wrk runs flat out, gonogo at ${rate}/s)`,
    );
  else console.log("  wrk: not installed, skipped");
} finally {
  serve?.stop();
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (keep) console.log(`kept: GONOGO_BENCH_REUSE=${database}:${dir}`);
  else {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }
}
