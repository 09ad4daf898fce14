import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { composeStore } from "../compose-store.js";
import { applyMigrations } from "../store-migrations.js";
import type { Database } from "../tables.js";

async function storeWithoutAuditLog() {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new BetterSqlite3(":memory:") }),
  });
  await applyMigrations(db, "sqlite", "tester", { via: "store opened" });
  const store = composeStore(db, "sqlite", ":memory:", "tester");
  const runId = await store.startRun({
    checklist: "c.md",
    checklistSha256: "abc",
    configHash: null,
    gitCommit: null,
    runBy: "ana",
    startedAt: new Date().toISOString(),
  });
  const signoff = await store.addSignoff({
    checklist: "c.md",
    sectionId: "security",
    sectionTitle: "Security",
    by: "Ana",
    role: "Security Lead",
    at: new Date().toISOString(),
    runId,
    hash: "h",
    statuses: {},
  });
  // The log can no longer be written: every change that counts must fail with it, and keep nothing.
  await sql`alter table audit_events rename to audit_events_gone`.execute(db);
  return { db, store, runId, signoff };
}

describe("audited changes", () => {
  it("are stored with their audit event or not at all", async () => {
    const { db, store, runId, signoff } = await storeWithoutAuditLog();
    const at = new Date().toISOString();
    await expect(
      store.addAttestation({
        checklist: "c.md",
        itemId: "runbook",
        itemText: "Runbook reviewed",
        by: "Ana",
        at,
        expiresAt: null,
        evidence: null,
        note: null,
      }),
    ).rejects.toThrow(/audit_events/);
    await expect(
      store.addWaiver({
        checklist: "c.md",
        itemId: "k8s",
        itemText: "K8s",
        reason: "VMs",
        by: "Bo",
        at,
        until: "2027-06-30",
      }),
    ).rejects.toThrow(/audit_events/);
    await expect(store.voidSignoff(signoff, { at, runId, reason: "regressed", actor: "ci" })).rejects.toThrow(
      /audit_events/,
    );
    expect(await store.listAttestations("c.md")).toEqual([]);
    expect(await store.listWaivers("c.md")).toEqual([]);
    expect(await store.listSignoffs("c.md")).toMatchObject([{ id: signoff, voidedAt: null }]);
    await db.destroy();
  });
});
