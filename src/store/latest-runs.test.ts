import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL, postgresAdmin, uniqueName } from "../../test/support/db-context.js";
import { STORE_BACKENDS, useFreshStore } from "../../test/support/store-backends.js";
import type { JsonReport } from "../report/json.js";
import { composeStore } from "./compose-store.js";
import { connectPostgres } from "./postgres/postgres-store.js";
import type { Store, StoreBackend } from "./store.js";
import { applyMigrations } from "./store-migrations.js";
import type { Database } from "./tables.js";

function report(verdict: "GO" | "NO-GO", pass: number, error = 0): JsonReport {
  const summary = {
    items: 4,
    applicable: 4,
    pass,
    fail: 4 - pass - error,
    error,
    attested: 0,
    waived: 0,
    claimed: 0,
    open: 0,
    verifiedPct: pass * 25 + 0.5,
    claimedPct: 66.7,
  };
  return { schemaVersion: 1, verdict, summary, gates: [], sections: [], items: [] } as unknown as JsonReport;
}

const meta = (checklist: string, jobId: string | null = null) => ({
  checklist,
  checklistSha256: "abc",
  configHash: null,
  gitCommit: null,
  runBy: "ana",
  startedAt: new Date().toISOString(),
  jobId,
});

async function run(store: Store, checklist: string, complete: boolean, made: JsonReport, jobId?: string) {
  const id = await store.startRun(meta(checklist, jobId));
  await store.finishRun(id, { finishedAt: new Date().toISOString(), complete, report: made }).catch(() => {});
  return id;
}

/** What the service list must show of each checklist: the latest complete run as the runs say it. */
async function expectSummariesMatchRuns(store: Store, checklists: string[]) {
  const summaries = await store.latestRunSummaries(checklists);
  const runs = await store.latestCompleteRuns(checklists);
  for (const checklist of checklists) {
    const latest = await store.latestCompleteRun(checklist);
    expect(runs.get(checklist)?.id, checklist).toBe(latest?.id);
    const summary = latest?.summary;
    expect(summaries.get(checklist), checklist).toEqual(
      latest && summary
        ? {
            checklist,
            runId: latest.id,
            startedAt: latest.startedAt,
            verdict: latest.verdict,
            verifiedPct: summary.verifiedPct,
            claimedPct: summary.claimedPct,
            failing: summary.fail + summary.error,
          }
        : undefined,
    );
  }
}

for (const backend of STORE_BACKENDS) {
  describe(`latest runs on ${backend.name}`, () => {
    const fresh = useFreshStore(backend);

    it("follow every completed run, in the statement that completes it, and nothing else", async () => {
      const { store } = fresh;
      const names = ["l-a.md", "l-b.md", "l-c.md", "l-none.md"];
      await run(store, "l-a.md", true, report("NO-GO", 1, 1));
      expect((await store.latestRunSummaries(names)).get("l-a.md")).toMatchObject({
        verdict: "NO-GO",
        verifiedPct: 25.5,
        claimedPct: 66.7,
        failing: 3,
      });
      const newest = await run(store, "l-a.md", true, report("GO", 4));
      await run(store, "l-a.md", false, report("NO-GO", 0));
      await store.startRun(meta("l-c.md"));
      // A pushed report (CI) counts as any complete run; the second complete run of a job is kept incomplete.
      const pushed = await store.addPushedRun(meta("l-b.md"), {
        finishedAt: new Date().toISOString(),
        complete: true,
        report: report("GO", 3),
      });
      expect((await store.latestRunSummaries(names)).get("l-b.md")?.runId).toBe(pushed);
      const job = await run(store, "l-b.md", true, report("GO", 2, 1), "job-l");
      await run(store, "l-b.md", true, report("NO-GO", 0), "job-l");
      await expectSummariesMatchRuns(store, names);
      const summaries = await store.latestRunSummaries(names);
      expect([...summaries.keys()].sort()).toEqual(["l-a.md", "l-b.md"]);
      expect(summaries.get("l-a.md")?.runId).toBe(newest);
      expect(summaries.get("l-b.md")).toMatchObject({ runId: job, verdict: "GO", failing: 2 });
      expect((await store.latestRunSummaries([])).size).toBe(0);
    });

    it("answer for more checklists than one statement names", async () => {
      const names = Array.from({ length: 1200 }, (_, n) => `l-many-${n}.md`);
      await run(fresh.store, "l-many-1100.md", true, report("GO", 2));
      const summaries = await fresh.store.latestRunSummaries(names);
      expect([...summaries.keys()]).toEqual(["l-many-1100.md"]);
      expect((await fresh.store.latestCompleteRuns(names)).get("l-many-1100.md")?.verdict).toBe("GO");
    });
  });
}

/** A database left by the gonogo before latest_runs: the migration must fill it from the runs there. */
const OLDER_SCHEMA: Record<StoreBackend, { before: string; open(): Promise<Kysely<Database>> }> = {
  sqlite: {
    before: "0009_rollouts",
    async open() {
      const file = join(mkdtempSync(join(tmpdir(), "gonogo-latest-")), "gonogo.db");
      return new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
    },
  },
  postgres: {
    before: "0010_rollouts",
    async open() {
      const name = uniqueName("gonogo_latest");
      await postgresAdmin(`CREATE DATABASE ${name}`);
      drops.push(() => postgresAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return connectPostgres(POSTGRES_URL.replace(/\/test$/, `/${name}`));
    },
  },
};
const drops: (() => Promise<void>)[] = [];

for (const backend of STORE_BACKENDS.filter((b) => b.name !== "pglite")) {
  describe(`the latest_runs migration on a ${backend.name} store with runs`, () => {
    let db: Kysely<Database>;
    beforeAll(async () => {
      db = await OLDER_SCHEMA[backend.storeBackend].open();
    });
    afterAll(async () => {
      await db?.destroy();
      for (const drop of drops.splice(0)) await drop();
    });

    it("fills it from the runs already there, as the runs would say", async () => {
      const older = OLDER_SCHEMA[backend.storeBackend].before;
      await applyMigrations(db, backend.storeBackend, "older-gonogo", { via: "gonogo migrate", to: older });
      const store = composeStore(db, backend.storeBackend, "test", "tester");
      await run(store, "m-a.md", true, report("NO-GO", 1, 1));
      const newest = await run(store, "m-a.md", true, report("GO", 3));
      await run(store, "m-a.md", false, report("NO-GO", 0));
      await run(store, "m-b.md", true, report("NO-GO", 2, 2));
      await store.startRun(meta("m-c.md"));
      const applied = await applyMigrations(db, backend.storeBackend, "ops", { via: "gonogo migrate" });
      expect(applied.some((name) => name.endsWith("_latest_runs"))).toBe(true);
      await expectSummariesMatchRuns(store, ["m-a.md", "m-b.md", "m-c.md"]);
      expect((await store.latestRunSummaries(["m-a.md"])).get("m-a.md")?.runId).toBe(newest);
      // And keeps it from then on.
      const next = await run(store, "m-b.md", true, report("GO", 4));
      expect((await store.latestRunSummaries(["m-b.md"])).get("m-b.md")).toMatchObject({
        runId: next,
        failing: 0,
      });
    });
  });
}
