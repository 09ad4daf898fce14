import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeProject } from "../support/config-file.js";
import { closedPort } from "../support/db-context.js";
import { runCli } from "../support/run-cli.js";
import { CLI_STORE_BACKENDS } from "../support/store-backends.js";

const CHECKLIST = "# Launch\n- [x] Build passes\n- [ ] Runbook reviewed\n";
const CONFIG = `version: 1
checks:
  build: { item: "Build passes", command: { run: "true" }, expect: [ "exit_code == 0" ] }
manual: [ "Runbook reviewed" ]
`;

const POSTGRES = CLI_STORE_BACKENDS.find((b) => b.name === "postgres");
const SQLITE = CLI_STORE_BACKENDS.find((b) => b.name === "sqlite");

/** `url` with a password, which no output may show. */
function withPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = "hunter2";
  return parsed.toString();
}

describe.skipIf(!POSTGRES)("gonogo migrate on a Postgres database", () => {
  it("is the step before anything records: pending migrations are exit 2 naming it, migrate applies them once", async () => {
    const fresh = await POSTGRES?.create({ empty: true });
    if (!fresh || !POSTGRES) throw new Error("no postgres backend");
    const env = { GONOGO_USER: "ops" };
    try {
      const url = withPassword(fresh.location);
      const masked = url.replace("hunter2", "***");
      const project = writeProject(CHECKLIST, CONFIG);
      const pending = `gonogo: store ${masked}: ${POSTGRES.migrations.length} migrations pending; run gonogo migrate --store ${fresh.location}\n`;
      const refused = [
        await runCli(["verify", project.checklistPath, "--store", url], { env }),
        await runCli(["attest", project.checklistPath, "Runbook reviewed", "--by", "Ana", "--store", url], {
          env,
        }),
      ];
      for (const run of refused) {
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain(pending);
        expect(run.stderr).not.toContain("hunter2");
      }

      const migrate = await runCli(["migrate", "--store", url], { env });
      expect(migrate.code, migrate.stderr).toBe(0);
      expect(migrate.stdout).toBe(
        `${POSTGRES.migrations.map((name) => `applied ${name}\n`).join("")}store ${masked}: ${POSTGRES.migrations.length} migrations applied, up to date\n`,
      );
      expect(migrate.stdout + migrate.stderr).not.toContain("hunter2");
      const again = await runCli(["migrate", "--store", url], { env });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toBe(`store ${masked}: up to date, nothing to apply\n`);

      const verify = await runCli(["verify", project.checklistPath, "--store", url], { env });
      expect(verify.stderr).toContain("run #1 recorded");
      const audit = await runCli(["audit", "--json", "--store", url], { env });
      const events = JSON.parse(audit.stdout) as {
        action: string;
        actor: string;
        subject: string;
        detail: object;
      }[];
      expect(events.filter((e) => e.action === "migrate")).toEqual(
        POSTGRES.migrations.map((subject) => ({
          seq: expect.any(Number),
          at: expect.any(String),
          action: "migrate",
          actor: "ops",
          subject,
          detail: { backend: "postgres", version: expect.any(String), via: "gonogo migrate" },
        })),
      );
    } finally {
      await fresh.drop();
    }
  });

  it("a database it cannot reach is exit 2 in one line, without the password", async () => {
    const url = `postgres://postgres:hunter2@127.0.0.1:${await closedPort()}/gonogo`;
    const run = await runCli(["migrate", "--store", url]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^gonogo: store postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/gonogo: cannot connect: /,
    );
    expect(run.stderr).not.toMatch(/hunter2|internal error|\n\s+at /);
  });
});

describe.skipIf(!SQLITE)("gonogo migrate on the embedded SQLite file", () => {
  it("applies what is pending (the file migrates itself when opened anyway), and is idempotent", async () => {
    const project = writeProject(CHECKLIST, CONFIG);
    const file = join(project.dir, "runs.db");
    const first = await runCli(["migrate", "--store", file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(
      `applied 0001_runs\napplied 0002_manual_evidence\napplied 0003_audit_events\napplied 0004_api_tokens\napplied 0005_sessions\napplied 0006_run_indexes\napplied 0007_job_runs\napplied 0008_notifications\napplied 0009_rollouts\napplied 0010_latest_runs\napplied 0011_gate_states\nstore ${file}: 11 migrations applied, up to date\n`,
    );
    const again = await runCli(["migrate", "--store", file]);
    expect(again.stdout).toBe(`store ${file}: up to date, nothing to apply\n`);

    // No migrate step for the default store: verify creates and migrates it.
    const verify = await runCli(["verify", project.checklistPath], { env: { GONOGO_STORE: "" } });
    expect(verify.stderr).toContain("run #1 recorded");
    expect(existsSync(join(project.dir, ".gonogo", "gonogo.db"))).toBe(true);
  });
});
