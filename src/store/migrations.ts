import type { Kysely, Migration } from "kysely";
import type { StoreBackend } from "./store.js";

/**
 * Versioned migrations, applied in name order on start; each applied one is an audit event.
 * Never edit a released migration: add the next one. The few types that differ between the
 * backends (serial keys, bytes) are chosen by `backend`.
 */
export function storeMigrations(backend: StoreBackend): Record<string, Migration> {
  const pg = backend === "postgres";
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables they type exist.
  type Db = Kysely<any>;
  const serial = (table: ReturnType<Db["schema"]["createTable"]>, name: string) =>
    pg
      ? table.addColumn(name, "serial", (c) => c.primaryKey())
      : table.addColumn(name, "integer", (c) => c.primaryKey().autoIncrement());
  return {
    "0001_runs": {
      async up(db: Db) {
        await serial(db.schema.createTable("runs"), "id")
          .addColumn("checklist", "text", (c) => c.notNull())
          .addColumn("checklist_sha256", "text", (c) => c.notNull())
          .addColumn("config_hash", "text")
          .addColumn("git_commit", "text")
          .addColumn("run_by", "text", (c) => c.notNull())
          .addColumn("started_at", "text", (c) => c.notNull())
          .addColumn("finished_at", "text")
          .addColumn("complete", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("verdict", "text")
          .addColumn("summary", "text")
          .addColumn("report", "text")
          .execute();
        await db.schema.createIndex("runs_checklist").on("runs").columns(["checklist", "id"]).execute();
        await db.schema
          .createTable("run_checks")
          .addColumn("run_id", "integer", (c) => c.notNull().references("runs.id").onDelete("cascade"))
          .addColumn("check_id", "text", (c) => c.notNull())
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("recorded_at", "text", (c) => c.notNull())
          .addColumn("result", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("run_checks_pk", ["run_id", "check_id"])
          .execute();
      },
    },
    "0002_manual_evidence": {
      async up(db: Db) {
        await serial(db.schema.createTable("attestations"), "id")
          .addColumn("checklist", "text", (c) => c.notNull())
          .addColumn("item_id", "text", (c) => c.notNull())
          .addColumn("item_text", "text", (c) => c.notNull())
          .addColumn("by", "text", (c) => c.notNull())
          .addColumn("at", "text", (c) => c.notNull())
          .addColumn("expires_at", "text")
          .addColumn("evidence", "text")
          .addColumn("note", "text")
          .execute();
        await serial(db.schema.createTable("waivers"), "id")
          .addColumn("checklist", "text", (c) => c.notNull())
          .addColumn("item_id", "text", (c) => c.notNull())
          .addColumn("item_text", "text", (c) => c.notNull())
          .addColumn("reason", "text", (c) => c.notNull())
          .addColumn("by", "text", (c) => c.notNull())
          .addColumn("at", "text", (c) => c.notNull())
          .addColumn("until", "text", (c) => c.notNull())
          .execute();
        await serial(db.schema.createTable("signoffs"), "id")
          .addColumn("checklist", "text", (c) => c.notNull())
          .addColumn("section_id", "text", (c) => c.notNull())
          .addColumn("section_title", "text", (c) => c.notNull())
          .addColumn("by", "text", (c) => c.notNull())
          .addColumn("role", "text", (c) => c.notNull())
          .addColumn("at", "text", (c) => c.notNull())
          .addColumn("run_id", "integer", (c) => c.notNull().references("runs.id"))
          .addColumn("hash", "text", (c) => c.notNull())
          .addColumn("statuses", "text", (c) => c.notNull())
          .addColumn("voided_at", "text")
          .addColumn("void_run_id", "integer")
          .addColumn("void_reason", "text")
          .execute();
        await db.schema
          .createTable("blobs")
          .addColumn("sha256", "text", (c) => c.primaryKey())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("size", "integer", (c) => c.notNull())
          .addColumn("bytes", pg ? "bytea" : "blob", (c) => c.notNull())
          .execute();
      },
    },
    "0003_audit_events": {
      async up(db: Db) {
        await serial(db.schema.createTable("audit_events"), "seq")
          .addColumn("at", "text", (c) => c.notNull())
          .addColumn("actor", "text", (c) => c.notNull())
          .addColumn("action", "text", (c) => c.notNull())
          .addColumn("subject", "text", (c) => c.notNull())
          .addColumn("detail", "text", (c) => c.notNull())
          .execute();
      },
    },
  };
}
