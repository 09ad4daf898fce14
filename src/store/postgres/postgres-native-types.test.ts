import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL, uniqueName } from "../../../test/support/db-context.js";
import { STORE_BACKENDS } from "../../../test/support/store-backends.js";
import type { CheckResult } from "../../core/check-result.js";
import type { JsonReport } from "../../report/json.js";
import { composeStore } from "../compose-store.js";
import type { Store } from "../store.js";
import { applyMigrations } from "../store-migrations.js";
import type { Database } from "../tables.js";
import { connectPostgres, openPostgresStore } from "./postgres-store.js";

/** The last migration an older gonogo applied: its schema keeps times, JSON and flags as text. */
const TEXT_SCHEMA = "0003_audit_events";

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

async function columnTypes(db: Kysely<Database>): Promise<Record<string, string>> {
  const { rows } = await sql<{ column: string; type: string; identity: string }>`
    select table_name || '.' || column_name as column, data_type as type, is_identity as identity
    from information_schema.columns where table_schema = current_schema()`.execute(db);
  return Object.fromEntries(
    rows.map((r) => [r.column, r.identity === "YES" ? `${r.type} identity` : r.type]),
  );
}

const check = (id: string, status: CheckResult["status"]): CheckResult => ({
  id,
  probe: "http",
  status,
  durationMs: 7,
  observations: { status: 200, latency: { value: 12.5, unit: "ms" } },
  expectations: [{ expr: "status == 200", ok: status === "pass", actual: "200" }],
});

/** A report whose keys are not in any sorted order: they must read back in the order written. */
const report = (verdict: "GO" | "NO-GO"): JsonReport =>
  ({
    schemaVersion: 1,
    tool: { name: "gonogo", version: "0.0.9" },
    checklist: { path: "launch.md", title: "Launch", sha256: "abc", encoding: "utf-8", warnings: [] },
    verdict,
    summary: {
      items: 2,
      applicable: 2,
      pass: 1,
      fail: 1,
      error: 0,
      attested: 0,
      waived: 0,
      claimed: 0,
      open: 0,
      verifiedPct: 50,
      claimedPct: 50,
    },
    gates: [{ name: "overall", ok: false, actual: "50%", required: "85%", reason: "below" }],
    sections: [],
    items: [],
    signoffSlots: [],
    lint: [],
  }) as JsonReport;

/** Everything the store can read back, in the order its methods return it. */
async function readEverything(store: Store, checklist: string, blob: string) {
  // Run by run (whole rows), not through listRuns: today's lists name columns an older schema lacks.
  const ids = Array.from({ length: 20 }, (_, i) => i + 1);
  const stored = (await Promise.all(ids.map((id) => store.getRun(id)))).filter((run) => run !== undefined);
  return {
    stored,
    latest: await store.latestCompleteRun(checklist),
    attestations: await store.listAttestations(checklist),
    waivers: await store.listWaivers(checklist),
    signoffs: await store.listSignoffs(checklist),
    blob: await store.getBlob(blob),
    audit: (await store.listAudit()).filter((e) => !(e.action === "migrate" && e.subject > TEXT_SCHEMA)),
  };
}

const meta = (checklist: string, startedAt = new Date().toISOString()) => ({
  checklist,
  checklistSha256: "abc",
  configHash: "def",
  gitCommit: "0123456789abcdef0123456789abcdef01234567",
  runBy: "ana",
  startedAt,
});

/**
 * Writes what a store holds after some weeks of use: runs (one unfinished), evidence, a voided
 * sign-off. Times as gonogo writes them (`Date#toISOString`), which is how timestamptz reads back.
 */
async function fill(store: Store, checklist: string): Promise<string> {
  const first = await store.startRun(meta(checklist, "2026-03-01T09:00:00.123Z"));
  await store.recordChecks(first, [
    { result: check("health", "pass"), recordedAt: new Date().toISOString() },
  ]);
  await store.recordChecks(first, [{ result: check("tls", "fail"), recordedAt: new Date().toISOString() }]);
  await store.finishRun(first, {
    finishedAt: "2026-03-01T09:00:04.500Z",
    complete: true,
    report: report("NO-GO"),
  });
  const second = await store.startRun(meta(checklist, "2026-03-02T10:30:00.000Z"));
  await store.recordChecks(second, [
    { result: check("health", "pass"), recordedAt: new Date().toISOString() },
  ]);
  const evidence = await store.putBlob(new TextEncoder().encode("runbook v2\n"), "runbook.md");
  await store.addAttestation({
    checklist,
    itemId: "runbook",
    itemText: "Runbook reviewed",
    by: "Ana Diaz",
    at: "2026-03-01T09:10:00.000Z",
    expiresAt: "2026-04-01T09:10:00.000Z",
    evidence,
    note: "read it twice — ünïcode too",
  });
  await store.addWaiver({
    checklist,
    itemId: "k8s",
    itemText: "K8s probes (if using K8s)",
    reason: "runs on VMs",
    by: "Bo",
    at: "2026-03-01T09:11:00.000Z",
    until: "2026-12-31",
  });
  const signoff = await store.addSignoff({
    checklist,
    sectionId: "security",
    sectionTitle: "Security",
    by: "Ana Diaz",
    role: "Security Lead",
    at: "2026-03-01T09:12:00.000Z",
    runId: first,
    hash: "h1",
    statuses: { "security-tls": "fail", "security-headers": "pass" },
  });
  await store.voidSignoff(signoff, {
    at: "2026-03-02T10:31:00.000Z",
    runId: second,
    reason: "TLS regressed",
    actor: "ci",
  });
  return evidence;
}

describe.skipIf(!STORE_BACKENDS.some((b) => b.name === "postgres"))(
  "0004_native_types on a Postgres store made by an older gonogo",
  () => {
    const name = uniqueName("gonogo_store");
    const url = POSTGRES_URL.replace(/\/test$/, `/${name}`);
    beforeAll(() => admin(`CREATE DATABASE ${name}`));
    afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

    it("converts every column in place; every run, record and event reads back identically", async () => {
      const checklist = "github.com/acme/orders:docs/launch.md";
      const old = await connectPostgres(url);
      await applyMigrations(old, "postgres", "older-gonogo", { via: "store opened", to: TEXT_SCHEMA });
      expect(await columnTypes(old)).toMatchObject({ "runs.started_at": "text", "runs.complete": "integer" });
      const before = composeStore(old, "postgres", url, "tester");
      const evidence = await fill(before, checklist);
      // A run deleted by hand: its id must never be handed out again.
      const deleted = await before.startRun({ ...meta(checklist), startedAt: "2026-03-03T00:00:00.000Z" });
      await sql`delete from runs where id = ${deleted}`.execute(old);
      const written = await readEverything(before, checklist, evidence);

      const applied = await applyMigrations(old, "postgres", "ops", { via: "gonogo migrate" });
      expect(applied).toEqual([
        "0004_native_types",
        "0005_api_tokens",
        "0006_sessions",
        "0007_run_indexes",
        "0008_job_runs",
        "0009_notifications",
        "0010_rollouts",
        "0011_latest_runs",
        "0012_gate_states",
      ]);
      expect(await columnTypes(old)).toMatchObject({
        "runs.id": "bigint identity",
        "runs.started_at": "timestamp with time zone",
        "runs.finished_at": "timestamp with time zone",
        "runs.complete": "boolean",
        "runs.summary": "json",
        "runs.report": "json",
        "run_checks.run_id": "bigint",
        "run_checks.recorded_at": "timestamp with time zone",
        "run_checks.result": "json",
        "attestations.id": "bigint identity",
        "attestations.expires_at": "timestamp with time zone",
        "waivers.until": "date",
        "signoffs.statuses": "json",
        "signoffs.void_run_id": "bigint",
        "audit_events.seq": "bigint identity",
        "audit_events.detail": "json",
        "blobs.bytes": "bytea",
        "api_tokens.id": "bigint identity",
        "api_tokens.signoff_roles": "json",
        "api_tokens.created_at": "timestamp with time zone",
        "api_tokens.expires_at": "timestamp with time zone",
      });
      await old.destroy();

      const after = await openPostgresStore(url, "tester");
      try {
        const read = await readEverything(after, checklist, evidence);
        // Byte for byte, key order included: `show --json` prints these documents as they were written.
        expect(JSON.stringify(read)).toBe(JSON.stringify(written));
        const next = await after.startRun(meta(checklist));
        expect(next).toBeGreaterThan(deleted);
        // One migrate event per migration applied, by the one who migrated, right after what was there.
        const since = written.audit.at(-1)?.seq ?? 0;
        const events = (await after.listAudit()).filter((event) => event.seq > since);
        expect(events.map(({ action, subject, actor }) => ({ action, subject, actor }))).toEqual(
          applied.map((subject) => ({ action: "migrate", subject, actor: "ops" })),
        );
        expect(events[0]?.seq).toBe(since + 1);
      } finally {
        await after.close();
      }
    });
  },
);

describe.skipIf(!STORE_BACKENDS.some((b) => b.name === "postgres"))(
  "0004_native_types on a value that is not what gonogo wrote",
  () => {
    const name = uniqueName("gonogo_store");
    const url = POSTGRES_URL.replace(/\/test$/, `/${name}`);
    beforeAll(() => admin(`CREATE DATABASE ${name}`));
    afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

    it("fails, naming the value, and leaves the database as it was", async () => {
      const db = await connectPostgres(url);
      try {
        await applyMigrations(db, "postgres", "older-gonogo", { via: "store opened", to: TEXT_SCHEMA });
        await sql`insert into runs (checklist, checklist_sha256, run_by, started_at) values ('c', 'x', 'ana', 'last tuesday')`.execute(
          db,
        );
        await expect(applyMigrations(db, "postgres", "ops", { via: "gonogo migrate" })).rejects.toThrow(
          /last tuesday/,
        );
        expect(await columnTypes(db)).toMatchObject({ "runs.started_at": "text", "runs.id": "integer" });
        const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          db,
        );
        expect(rows.map((r) => r.name)).toEqual(["0001_runs", "0002_manual_evidence", "0003_audit_events"]);
      } finally {
        await db.destroy();
      }
    });
  },
);
