// Runs the pricing example end to end: starts the exporter, loads the schema into PostgreSQL,
// seeds Redis, starts a private Prometheus (when one is installed) scraping the exporter with the
// example's alert rules, runs `gonogo verify` (extra arguments are passed on), and cleans up.
// Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// REDIS_URL (default redis://127.0.0.1:6379/0), PROMETHEUS (binary, default `prometheus`).
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import Redis from "ioredis";
import pg from "pg";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));
const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
const PREFIX = "pricing-example:";

async function startExporter() {
  const child = spawn(process.execPath, [join(here, "exporter.js")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const url = /^listening on (\S+)$/.exec(line)?.[1];
    if (url) return { child, url };
  }
  throw new Error("the exporter did not start");
}

async function loadSchema() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(readFileSync(join(here, "schema.sql"), "utf8"));
  await client.end();
}

async function seedRedis() {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  for (let i = 1; i <= 5; i++) await redis.set(`${PREFIX}session:${i}`, "open", "EX", 1800);
  for (let i = 1; i <= 3; i++) await redis.set(`${PREFIX}rates:${i}`, "1.07", "EX", 300);
  // The deliberate flaw: one rate key was written without a TTL and would never refresh.
  await redis.set(`${PREFIX}rates:legacy`, "1.02");
  // Normal operations: lookups that hit the cache, so the hit rate reflects a warm cache.
  for (let i = 0; i < 500; i++) await redis.get(`${PREFIX}session:${(i % 5) + 1}`);
  await redis.quit();
}

async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  return port;
}

async function startPrometheus(exporterUrl) {
  const binary = process.env.PROMETHEUS ?? "prometheus";
  if (spawnSync(binary, ["--version"]).status !== 0) {
    console.error(`(no ${binary} on this machine: the Prometheus checks will say so as errors)`);
    return { child: null, url: "http://127.0.0.1:9" };
  }
  const dir = mkdtempSync(join(tmpdir(), "pricing-prometheus-"));
  const target = new URL(exporterUrl).host;
  writeFileSync(
    join(dir, "prometheus.yml"),
    `global: { scrape_interval: 1s, evaluation_interval: 1s }\nrule_files: [ "${join(here, "rules", "pricing.yml")}" ]\nscrape_configs:\n  - job_name: pricing\n    static_configs: [ { targets: [ "${target}" ] } ]\n`,
  );
  const port = await freePort();
  const child = spawn(
    binary,
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: "ignore" },
  );
  const url = `http://127.0.0.1:${port}`;
  // Ready when the recording rule has a value: the exporter was scraped and the rules ran.
  for (let i = 0; i < 60; i++) {
    const answer = await fetch(`${url}/api/v1/query?query=pricing:quote_latency_seconds:p95`).then(
      (r) => r.json(),
      () => null,
    );
    if (answer?.data?.result?.length > 0) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("Prometheus did not start scraping within 30s");
}

async function cleanUp(processes) {
  for (const child of processes) if (child && child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(processes.filter((c) => c && c.exitCode === null).map((c) => once(c, "exit")));
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect().catch(() => {});
  const keys = [];
  for (let cursor = "0"; ; ) {
    const [next, batch] = await redis
      .scan(cursor, "MATCH", `${PREFIX}*`, "COUNT", 500)
      .catch(() => ["0", []]);
    keys.push(...batch);
    cursor = next;
    if (cursor === "0") break;
  }
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client
    .connect()
    .then(() => client.query("DROP SCHEMA IF EXISTS pricing CASCADE"))
    .catch(() => {});
  await client.end().catch(() => {});
}

const exporter = await startExporter();
let prometheus = { child: null };
let status = 2;
try {
  await loadSchema();
  await seedRedis();
  prometheus = await startPrometheus(exporter.url);
  const env = {
    ...process.env,
    PRICING_METRICS_URL: exporter.url,
    PROMETHEUS_URL: prometheus.url,
    DATABASE_URL,
    REDIS_URL,
  };
  const args = ["bin/gonogo.js", "verify", join(here, "checklist.md"), ...process.argv.slice(2)];
  status = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env }).status ?? 2;
} finally {
  await cleanUp([exporter.child, prometheus.child]);
}
process.exitCode = status;
