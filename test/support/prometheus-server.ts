import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** True when a `prometheus` binary runs here (CI installs Debian's package). */
export const PROMETHEUS_INSTALLED = spawnSync("prometheus", ["--version"], { stdio: "ignore" }).status === 0;

export interface PrometheusOptions {
  /** Scrape jobs: job name -> `host:port` targets, scraped every second at /metrics. */
  jobs: Record<string, string[]>;
  /** Contents of a rules file (groups: ...), evaluated every second. */
  rules?: string;
}

export interface RunningPrometheus {
  url: string;
  /** `data` of GET /api/v1/<path>, or undefined when Prometheus says error. */
  api(path: string, params?: Record<string, string>): Promise<unknown>;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (free when asked: good enough for a test's own server). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Starts a real Prometheus in a temp dir on a free port and waits until it is ready (15s at most). */
export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-prometheus-"));
  writeFileSync(join(dir, "rules.yml"), options.rules ?? "groups: []\n");
  writeFileSync(join(dir, "prometheus.yml"), prometheusConfig(options.jobs));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    "prometheus",
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--web.enable-lifecycle",
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const stop = () => stopChild(child).finally(() => rmSync(dir, { recursive: true, force: true }));
  try {
    await waitFor("Prometheus to be ready", async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log}`);
      return (await fetch(`${url}/-/ready`).catch(() => undefined))?.ok || undefined;
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    async api(path, params = {}) {
      const response = await fetch(`${url}/api/v1/${path}?${new URLSearchParams(params)}`);
      const body = (await response.json()) as { status: string; data?: unknown };
      return body.status === "success" ? body.data : undefined;
    },
    stop,
  };
}

/** Polls `check` every 100ms until it returns a value, for `withinMs` at most. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  withinMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${withinMs}ms`);
    await sleep(100);
  }
}

function prometheusConfig(jobs: Record<string, string[]>): string {
  const scrapes = Object.entries(jobs).map(
    ([job, targets]) =>
      `  - job_name: ${JSON.stringify(job)}\n    static_configs: [ { targets: ${JSON.stringify(targets)} } ]`,
  );
  return [
    "global: { scrape_interval: 1s, scrape_timeout: 500ms, evaluation_interval: 1s }",
    "rule_files: [ rules.yml ]",
    "scrape_configs:",
    ...scrapes,
    "",
  ].join("\n");
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}
