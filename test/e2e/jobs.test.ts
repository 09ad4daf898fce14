import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openStore, type RunRecord, type Store } from "../../src/store/index.js";
import { postgresAdmin, uniqueName } from "../support/db-context.js";
import { startJobTarget } from "../support/job-target.js";
import { type RunningCli, runCli, startCli } from "../support/run-cli.js";
import { createToken, type ServeProcess, startServe } from "../support/serve-process.js";

/**
 * Jobs end to end, on both stores with the same test bodies: Postgres with `gonogo serve --no-work`
 * queueing into pg-boss and two real `gonogo worker` processes claiming; SQLite with the server
 * running its jobs in process. Everything waits for state (rows in the store, lines on stderr).
 */
const POSTGRES = "postgres://postgres@127.0.0.1:5432";
const databases: string[] = [];

afterAll(async () => {
  for (const name of databases) await postgresAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

type Target = Awaited<ReturnType<typeof startJobTarget>>;

/** A server config with fast job settings and these services, each a checklist with one check. */
function writeProject(target: Target, jobs: string, services: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-jobs-"));
  const entries: string[] = [];
  for (const [name, check] of Object.entries(services)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "LAUNCH.md"), `# ${name}\n\n- [ ] It holds\n`);
    writeFileSync(join(dir, name, "README.md"), "hello\n");
    writeFileSync(
      join(dir, name, "gonogo.yml"),
      [
        "version: 1",
        `targets: { api: { url: "${target.url}" }, repo: { path: "." } }`,
        "defaults: { timeout: 60s }",
        "checks:",
        "  it:",
        '    item: "It holds"',
        `    ${check}`,
      ].join("\n"),
    );
    entries.push(`  - { name: ${name}, checklist: ${name}/LAUNCH.md }`);
  }
  const config = join(dir, "gonogo-server.yml");
  writeFileSync(config, ["services:", ...entries, `jobs: { ${jobs} }`, ""].join("\n"));
  return config;
}

const FAST = "poll_interval: 500ms, supervise_interval: 1s, shutdown_grace: 5s, concurrency: 2";

interface Cluster {
  store: Store;
  server: ServeProcess;
  /** The processes that run jobs: two workers on Postgres; the server itself on SQLite. */
  runners(): Array<{ stderr(): string; kill(): void; terminate(): Promise<number | null> }>;
  /** Restarts what was killed (the SQLite server); nothing to do on Postgres, where another worker is up. */
  recover(): Promise<void>;
  enqueue(service: string): Promise<string>;
  stop(): Promise<void>;
}

const BACKENDS = [
  {
    name: "postgres",
    async start(config: string, dir: string): Promise<Cluster> {
      const name = uniqueName("gonogo_jobs");
      databases.push(name);
      await postgresAdmin(`CREATE DATABASE ${name}`);
      const url = `${POSTGRES}/${name}`;
      const migrated = await runCli(["migrate", "--store", url]);
      expect(migrated.code, migrated.stderr).toBe(0);
      void dir;
      return cluster(url, config, 2);
    },
  },
  {
    name: "sqlite",
    async start(config: string, dir: string): Promise<Cluster> {
      return cluster(join(dir, "runs.db"), config, 0);
    },
  },
];

async function cluster(location: string, config: string, workerCount: number): Promise<Cluster> {
  const token = await createToken(location, "ci", "runner");
  const serveArgs = ["--config", config, "--store", location, ...(workerCount > 0 ? ["--no-work"] : [])];
  let server = await startServe(serveArgs);
  const workers: RunningCli[] = [];
  const workerLogs: string[] = [];
  for (let i = 0; i < workerCount; i++) {
    const worker = startCli(["worker", "--config", config, "--store", location, "--concurrency", "2"]);
    workerLogs.push("");
    worker.child.stderr?.on("data", (chunk) => {
      workerLogs[i] += chunk;
    });
    workers.push(worker);
  }
  await Promise.all(workers.map((w) => w.waitForStderr(/worker ready/)));
  const store = await openStore({ store: location });
  return {
    store,
    get server() {
      return server;
    },
    runners: () =>
      workerCount > 0
        ? workers.map((w, i) => ({
            stderr: () => workerLogs[i] ?? "",
            kill: () => w.child.kill("SIGKILL"),
            terminate: async () => {
              w.child.kill("SIGTERM");
              return (await w.finished).code;
            },
          }))
        : [
            {
              stderr: () => server.stderr(),
              kill: () => server.child.kill("SIGKILL"),
              terminate: () => server.stop(),
            },
          ],
    async recover() {
      if (workerCount === 0) server = await startServe(serveArgs);
    },
    async enqueue(service) {
      const response = await server.fetchAs(token, `/api/v1/checklists/${service}/runs?wait=false`, {
        method: "POST",
      });
      const body = (await response.json()) as { jobId: string };
      expect(response.status, JSON.stringify(body)).toBe(202);
      return body.jobId;
    },
    async stop() {
      await Promise.all(
        workers.map(async (w) => {
          if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGTERM");
          await w.finished;
        }),
      );
      await server.stop();
      await store.close();
    },
  };
}

/** Polls the store (not the clock) until `done` holds for its runs; fails with what it saw after `ms`. */
async function waitForRuns(
  store: Store,
  done: (runs: RunRecord[]) => boolean,
  ms = 180_000,
): Promise<RunRecord[]> {
  const until = Date.now() + ms;
  for (;;) {
    const runs = await store.listRuns();
    if (done(runs)) return runs;
    if (Date.now() > until)
      throw new Error(
        `store never reached the state; ${runs.length} runs, ${runs.filter((r) => r.complete).length} complete`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

for (const backend of BACKENDS) {
  describe(`jobs on ${backend.name}`, () => {
    let target: Target;
    let running: Cluster | undefined;

    beforeAll(async () => {
      target = await startJobTarget();
    });
    afterEach(async () => {
      await running?.stop();
      running = undefined;
    });
    afterAll(async () => {
      target.release();
      await target?.close();
    });

    it("200 jobs shared by the runners: every job completed exactly once", async () => {
      const config = writeProject(target, FAST, {
        quick: 'file: { target: repo, path: README.md }\n    expect: ["exists == true"]',
      });
      running = await backend.start(config, join(config, ".."));
      const cluster = running;
      const ids: string[] = [];
      for (let batch = 0; batch < 10; batch++)
        ids.push(...(await Promise.all(Array.from({ length: 20 }, () => cluster.enqueue("quick")))));
      expect(new Set(ids).size).toBe(200);
      const runs = await waitForRuns(cluster.store, (r) => r.filter((run) => run.complete).length >= 200);
      const complete = runs.filter((run) => run.complete);
      expect(complete).toHaveLength(200);
      expect(new Set(complete.map((run) => run.jobId))).toEqual(new Set(ids));
      expect(complete.every((run) => run.verdict === "GO")).toBe(true);
      // Both workers took a share (on SQLite the one server ran them all).
      for (const runner of cluster.runners()) expect(runner.stderr()).toMatch(/: run #\d+ complete, GO/);
    }, 240_000);

    it("a runner killed mid-run: the job runs again, one complete run, the killed run left incomplete", async () => {
      const config = writeProject(target, `${FAST}, lease: 2s`, {
        hangs: 'http: { target: api, path: /hang }\n    expect: ["status == 200"]',
      });
      running = await backend.start(config, join(config, ".."));
      const cluster = running;
      target.reset();
      const before = 0;
      const job = await cluster.enqueue("hangs");
      await target.waitForHits("/hang", before + 1);
      const holder = cluster
        .runners()
        .find((r) => r.stderr().includes(`job ${job} (hangs, api) attempt 1: started`));
      expect(holder, "no runner said it started the job").toBeDefined();
      // The run row exists before the check's request goes out.
      const cut = (await cluster.store.listJobRuns(job))[0];
      expect(cut?.complete).toBe(false);
      holder?.kill();
      await cluster.recover();
      await target.waitForHits("/hang", before + 2);
      target.release();
      await waitForRuns(cluster.store, (r) => r.some((run) => run.jobId === job && run.complete));
      const attempts = await cluster.store.listJobRuns(job);
      expect(attempts.filter((run) => run.complete)).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ id: cut?.id, complete: false, finishedAt: null });
      expect(attempts.length).toBeGreaterThanOrEqual(2);
    }, 240_000);

    it("SIGTERM while a job runs: the runner stops claiming, hands the job back after its grace, says so; it completes later", async () => {
      const config = writeProject(
        target,
        `${FAST.replace("shutdown_grace: 5s", "shutdown_grace: 1s")}, lease: 60s`,
        {
          slow: 'http: { target: api, path: /hang }\n    expect: ["status == 200"]',
        },
      );
      target.reset();
      running = await backend.start(config, join(config, ".."));
      const cluster = running;
      const job = await cluster.enqueue("slow");
      await target.waitForHits("/hang", 1);
      const holder = cluster
        .runners()
        .find((r) => r.stderr().includes(`job ${job} (slow, api) attempt 1: started`));
      expect(holder, "no runner said it started the job").toBeDefined();
      expect(await holder?.terminate()).toBe(0);
      expect(holder?.stderr()).toMatch(/0 (jobs )?finished during shutdown, 1 handed back/);
      const [cut] = await cluster.store.listJobRuns(job);
      expect(cut).toMatchObject({ complete: false });
      await cluster.recover();
      await target.waitForHits("/hang", 2);
      target.release();
      await waitForRuns(cluster.store, (r) => r.some((run) => run.jobId === job && run.complete));
      const attempts = await cluster.store.listJobRuns(job);
      expect(attempts.filter((run) => run.complete)).toHaveLength(1);
    }, 240_000);

    it("two load checks on one target never overlap, whichever runners take them", async () => {
      const load = (path: string) =>
        `load: { target: api, path: ${path}, vus: 2, duration: 1s, warmup: 0s }\n    expect: ["errors == 0"]`;
      const config = writeProject(target, `${FAST}, lease: 60s`, {
        "load-a": load("/a"),
        "load-b": load("/b"),
      });
      target.reset();
      running = await backend.start(config, join(config, ".."));
      const cluster = running;
      const jobs = await Promise.all([cluster.enqueue("load-a"), cluster.enqueue("load-b")]);
      await waitForRuns(cluster.store, (r) =>
        jobs.every((id) => r.some((run) => run.jobId === id && run.complete)),
      );
      const span = (path: string) => {
        const hits = target.hits.filter((h) => h.path === path);
        expect(hits.length).toBeGreaterThan(10);
        return {
          first: Math.min(...hits.map((h) => h.at)),
          last: Math.max(...hits.map((h) => h.answeredAt ?? Number.POSITIVE_INFINITY)),
        };
      };
      const [a, b] = [span("/a"), span("/b")];
      expect(
        a.last < b.first || b.last < a.first,
        `overlap: /a ${JSON.stringify(a)}, /b ${JSON.stringify(b)}`,
      ).toBe(true);
    }, 240_000);
  });
}
