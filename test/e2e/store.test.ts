import { spawn } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { writeProject } from "../support/config-file.js";
import { MYSQL_URL } from "../support/db-context.js";
import { BIN, runCli, stdoutReport } from "../support/run-cli.js";
import { CLI_STORE_BACKENDS, type FreshStore } from "../support/store-backends.js";

const CHECKLIST =
  "# Launch\n\n## Service\n- [x] Flag file present\n- [x] Build passes\n- [ ] Slow job finishes\n";

function config(slow = "true") {
  return `version: 1
defaults: { concurrency: 4 }
checks:
  flag:
    item: "Flag file present"
    file: { path: flag }
    expect: [ "exists == true" ]
  build:
    item: "Build passes"
    command: { run: "true" }
    expect: [ "exit_code == 0" ]
  slow:
    item: "Slow job finishes"
    command: { run: "${slow}", timeout: 20s }
    expect: [ "exit_code == 0" ]
`;
}

interface HistoryEntry {
  id: number;
  checklist: string;
  startedAt: string;
  finishedAt: string | null;
  complete: boolean;
  verdict: string | null;
  summary: { pass: number } | null;
}

for (const backend of CLI_STORE_BACKENDS) {
  describe(`gonogo verify, history, show and diff on ${backend.name}`, () => {
    let store: FreshStore;
    beforeAll(async () => {
      store = await backend.create();
    });
    afterAll(async () => {
      await store?.drop();
    }, 90_000);

    it("records each run; history, show and diff read them back; verify names what regressed", async () => {
      const project = writeProject(CHECKLIST, config());
      const flag = join(project.dir, "flag");
      const args = (...rest: string[]) => [...rest, "--store", store.location];
      writeFileSync(flag, "");
      const first = await runCli(args("verify", project.checklistPath));
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toMatch(/run #1 recorded/);

      rmSync(flag);
      const second = await runCli(args("verify", project.checklistPath));
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('since run #1: 1 regressed: "Flag file present" pass → fail');

      const history = await runCli(args("history", project.checklistPath, "--json"));
      expect(history.code, history.stderr).toBe(0);
      const runs = JSON.parse(history.stdout) as HistoryEntry[];
      expect(runs.map((r) => [r.id, r.verdict, r.complete, r.summary?.pass])).toEqual([
        [2, "NO-GO", true, 2],
        [1, "GO", true, 3],
      ]);
      expect(Object.keys(runs[0] ?? {})).toEqual(
        expect.arrayContaining([
          "id",
          "checklist",
          "startedAt",
          "finishedAt",
          "complete",
          "verdict",
          "summary",
        ]),
      );
      const text = await runCli(args("history", project.checklistPath));
      expect(text.stdout).toMatch(/#2 .* NO-GO {2}verified 66\.7%/);

      const shown = await runCli(args("show", "1", "--json"));
      const report = stdoutReport(shown);
      expect(report.verdict).toBe("GO");
      expect(report.items.map((i) => i.status)).toEqual(["pass", "pass", "pass"]);
      const shownText = await runCli(args("show", "2"));
      expect(shownText.code, shownText.stderr).toBe(0);
      expect(shownText.stdout).toContain("run #2");
      expect(shownText.stdout).toContain("Flag file present");
      expect(shownText.stdout).toContain("NO-GO");
      const markdown = await runCli(args("show", "2", "--format", "markdown"));
      expect(markdown.code, markdown.stderr).toBe(0);

      const diff = await runCli(args("diff", "--checklist", project.checklistPath, "--json"));
      expect(diff.code, diff.stderr).toBe(0);
      const changes = JSON.parse(diff.stdout);
      expect(changes.from.id).toBe(1);
      expect(changes.to.id).toBe(2);
      expect(changes.regressed).toMatchObject([{ text: "Flag file present", before: "pass", after: "fail" }]);
      expect(changes.regressed[0].evidence.after[0].expectations[0]).toMatchObject({ ok: false });
      const diffText = await runCli(args("diff", "1", "2"));
      expect(diffText.stdout).toMatch(
        /regressed \(1\)\n {2}"Flag file present" {2}pass → fail\n {6}#1: flag pass/,
      );
      expect(diffText.stdout).toContain("recovered (0)");

      const missing = await runCli(args("show", "99"));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("run #99 is not in");
    }, 90_000);

    it("keeps what a run measured when verify is killed with SIGKILL, and marks it incomplete", async () => {
      const project = writeProject(CHECKLIST, config("sleep 4"));
      const child = spawn(
        process.execPath,
        [BIN, "verify", project.checklistPath, "--store", store.location],
        {
          stdio: "ignore",
          env: { ...process.env, NO_COLOR: "1" },
        },
      );
      const reader = await openStore({ store: store.location });
      try {
        // Wait until the quick checks are on disk, then kill the run while the slow one runs. However
        // long a loaded machine takes to get there: the poll ends with that state or with the run.
        let exited = false;
        child.once("exit", () => {
          exited = true;
        });
        let runId: number | undefined;
        while (runId === undefined && !exited) {
          const [latest] = await reader.listRuns({ limit: 1 });
          const run = latest ? await reader.getRun(latest.id) : undefined;
          if (run && !run.complete && run.checks.length >= 2) runId = run.id;
          else await sleep(50);
        }
        expect(runId, "the run ended before its quick checks were stored").toBeDefined();
        child.kill("SIGKILL");
        await new Promise((resolve) => child.once("exit", resolve));

        const killed = await reader.getRun(runId as number);
        expect(killed).toMatchObject({ complete: false, finishedAt: null, verdict: null, report: null });
        expect(killed?.checks.map((c) => c.id).sort()).toEqual(["build", "flag"]);
      } finally {
        await reader.close();
      }
      const history = await runCli(["history", "--json", "--store", store.location]);
      const runs = JSON.parse(history.stdout) as HistoryEntry[];
      expect(runs[0]).toMatchObject({ complete: false, finishedAt: null, verdict: null });
      const shown = await runCli(["show", String(runs[0]?.id), "--store", store.location]);
      expect(shown.stdout).toContain("did not finish");
      expect(shown.stdout).toMatch(/2 checks measured before it stopped/);
      // The store stays usable: the next run records as usual.
      const next = await runCli([
        "verify",
        project.checklistPath,
        "--store",
        store.location,
        "--format",
        "json",
      ]);
      expect(next.stderr).toMatch(/run #\d+ recorded/);
    });
  });
}

const POSTGRES_BACKEND = CLI_STORE_BACKENDS.find((b) => b.name === "postgres");

describe("reading commands on a database that is not a gonogo store", () => {
  it.skipIf(!POSTGRES_BACKEND)(
    "answer 'no store at' (exit 2) with the password masked, and create no tables",
    async () => {
      const empty = await POSTGRES_BACKEND?.create({ empty: true });
      if (!empty) throw new Error("no postgres backend");
      try {
        const url = new URL(empty.location);
        url.password = "hunter2";
        for (const command of [["history"], ["show", "1"], ["diff", "1", "2"], ["audit"]]) {
          const run = await runCli([...command, "--store", url.toString()]);
          expect(run.code, `${command[0]}: ${run.stderr}`).toBe(2);
          expect(run.stderr).toContain("no store at postgres://postgres:***@");
          expect(run.stderr).not.toContain("hunter2");
        }
        const client = new pg.Client({ connectionString: empty.location });
        await client.connect();
        try {
          const tables = await client.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
          );
          expect(tables.rows).toEqual([]);
        } finally {
          await client.end();
        }
      } finally {
        await empty.drop();
      }
    },
  );

  it("history --limit that is not a whole number of runs is a usage error (exit 2)", async () => {
    const store = await CLI_STORE_BACKENDS[0]?.create();
    for (const limit of ["abc", "0", "-1", "2.5"]) {
      const run = await runCli(["history", "--limit", limit, "--store", store?.location ?? ""]);
      expect(run.code, limit).toBe(2);
      expect(run.stderr).toContain(`--limit ${limit}: not a number of runs`);
    }
  });
});

describe("the default store", () => {
  it("is .gonogo/gonogo.db beside the checklist, and --no-store records nothing", async () => {
    const project = writeProject(
      "# L\n- [x] Build passes\n",
      'version: 1\nchecks:\n  b: { item: "Build passes", command: { run: "true" }, expect: [ "exit_code == 0" ] }\n',
    );
    const skipped = await runCli(["verify", project.checklistPath, "--no-store"], {
      env: { GONOGO_STORE: "" },
    });
    expect(skipped.code).toBe(0);
    expect(existsSync(join(project.dir, ".gonogo"))).toBe(false);
    const run = await runCli(["verify", project.checklistPath], { env: { GONOGO_STORE: "" } });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(project.dir, ".gonogo", "gonogo.db"))).toBe(true);
    const history = await runCli(["history", "--json"], { cwd: project.dir, env: { GONOGO_STORE: "" } });
    expect(JSON.parse(history.stdout)).toHaveLength(1);
    const none = await runCli(["history"], { cwd: join(project.dir, ".gonogo"), env: { GONOGO_STORE: "" } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no store at");
  });

  it("records a run with a MySQL check and exits cleanly, report printed", async () => {
    // better-sqlite3 12 on Node 24 aborted at exit (SIGABRT, empty stdout) once mysql2 had run:
    // its statements were finalised after Node's environment was gone.
    const project = writeProject(
      "# L\n- [x] Database answers\n",
      `version: 1\ntargets: { db: { url: "${MYSQL_URL}" } }\nchecks:\n  d: { item: "Database answers", sql: { target: db, query: "select 1" }, expect: [ "rows == 1" ] }\n`,
    );
    for (let i = 0; i < 3; i++) {
      const run = await runCli(["verify", project.checklistPath, "--format", "json"], {
        env: { GONOGO_STORE: "" },
      });
      expect(run.code, run.stderr).toBe(0);
      expect(stdoutReport(run).verdict).toBe("GO");
    }
    const history = await runCli(["history", "--json"], { cwd: project.dir, env: { GONOGO_STORE: "" } });
    expect(JSON.parse(history.stdout)).toHaveLength(3);
  });

  it("a store path that cannot be created is an input error (exit 2), not a stack trace", async () => {
    const project = writeProject(
      "# L\n- [x] Build passes\n",
      'version: 1\nchecks:\n  b: { item: "Build passes", command: { run: "true" }, expect: [ "exit_code == 0" ] }\n',
    );
    const under = join(project.checklistPath, "x.db"); // a folder that is a file
    const run = await runCli(["verify", project.checklistPath, "--store", under]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`store ${under}: cannot create its folder:`);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
