import { type Kysely, type Migration, sql } from "kysely";
import { nativeTypesMigration } from "./postgres-native-types.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables they type exist.
type Db = Kysely<any>;

/**
 * The team store's schema, applied by `gonogo migrate` (never on open: several processes share
 * one database, and a schema change is an operator's step). Never edit a released migration:
 * add the next one (in native types, as `0005_api_tokens`). 0001-0003 are the schema as first released, in portable types (text times
 * and JSON, integer flags); `0004_native_types` converts it in place, so a database made by any
 * gonogo ends with the same schema.
 */
export const postgresMigrations: Record<string, Migration> = {
  "0001_runs": {
    async up(db: Db) {
      await db.schema
        .createTable("runs")
        .addColumn("id", "serial", (c) => c.primaryKey())
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
      await db.schema
        .createTable("attestations")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .addColumn("checklist", "text", (c) => c.notNull())
        .addColumn("item_id", "text", (c) => c.notNull())
        .addColumn("item_text", "text", (c) => c.notNull())
        .addColumn("by", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text")
        .addColumn("evidence", "text")
        .addColumn("note", "text")
        .execute();
      await db.schema
        .createTable("waivers")
        .addColumn("id", "serial", (c) => c.primaryKey())
        .addColumn("checklist", "text", (c) => c.notNull())
        .addColumn("item_id", "text", (c) => c.notNull())
        .addColumn("item_text", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("by", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("until", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("signoffs")
        .addColumn("id", "serial", (c) => c.primaryKey())
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
        .addColumn("bytes", "bytea", (c) => c.notNull())
        .execute();
    },
  },
  "0003_audit_events": {
    async up(db: Db) {
      await db.schema
        .createTable("audit_events")
        .addColumn("seq", "serial", (c) => c.primaryKey())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("detail", "text", (c) => c.notNull())
        .execute();
    },
  },
  "0004_native_types": nativeTypesMigration,
  "0005_api_tokens": {
    async up(db: Db) {
      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn("prefix", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("signoff_roles", "json", (c) => c.notNull())
        .addColumn("secret_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("expires_at", "timestamptz")
        .addColumn("last_used_at", "timestamptz")
        .addColumn("revoked_at", "timestamptz")
        .addColumn("revoked_by", "text")
        .execute();
      // A name is unique among live tokens; a revoked token's name may be given again.
      await db.schema
        .createIndex("api_tokens_live_name")
        .on("api_tokens")
        .column("name")
        .unique()
        .where(sql.ref("revoked_at"), "is", null)
        .execute();
    },
  },
  "0006_sessions": {
    async up(db: Db) {
      // Browser sessions: the hash of the cookie's id, never the id; the token it was opened with.
      await db.schema
        .createTable("sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("token_prefix", "text", (c) => c.notNull())
        .addColumn("created_at", "timestamptz", (c) => c.notNull())
        .addColumn("expires_at", "timestamptz", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sessions_expires_at").on("sessions").column("expires_at").execute();
    },
  },
  "0007_run_indexes": {
    async up(db: Db) {
      // The latest complete run of each checklist is one probe of this index (max(id) for a
      // checklist and complete), however many runs it has: the service list reads it per page.
      await db.schema
        .createIndex("runs_checklist_complete")
        .on("runs")
        .columns(["checklist", "complete", "id"])
        .execute();
    },
  },
  "0008_job_runs": {
    async up(db: Db) {
      await db.schema.alterTable("runs").addColumn("job_id", "text").execute();
      // At-least-once jobs, recorded once: a job (retried after its worker died, or claimed twice
      // after its lease ran out) has at most one complete run; its other attempts stay incomplete.
      await db.schema
        .createIndex("runs_complete_job")
        .on("runs")
        .column("job_id")
        .unique()
        .where(sql<boolean>`complete and job_id is not null`)
        .execute();
    },
  },
  "0009_notifications": {
    async up(db: Db) {
      await db.schema
        .createTable("notification_states")
        .addColumn("checklist", "text", (c) => c.notNull())
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("updated_at", "timestamptz", (c) => c.notNull())
        .addPrimaryKeyConstraint("notification_states_pk", ["checklist", "event"])
        .execute();
      await db.schema
        .createTable("notification_deliveries")
        .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn("service", "text", (c) => c.notNull())
        .addColumn("checklist", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("channel_type", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("run_id", "bigint")
        .addColumn("summary", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("last_error", "text")
        .addColumn("last_status_code", "integer")
        .addColumn("created_at", "timestamptz", (c) => c.notNull())
        .addColumn("updated_at", "timestamptz", (c) => c.notNull())
        .addColumn("delivered_at", "timestamptz")
        .execute();
      await db.schema
        .createIndex("notification_deliveries_service")
        .on("notification_deliveries")
        .columns(["service", "id"])
        .execute();
      await db.schema
        .createTable("notification_attempts")
        .addColumn("delivery_id", "bigint", (c) =>
          c.notNull().references("notification_deliveries.id").onDelete("cascade"),
        )
        .addColumn("attempt", "integer", (c) => c.notNull())
        .addColumn("at", "timestamptz", (c) => c.notNull())
        .addColumn("status_code", "integer")
        .addColumn("error", "text")
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("notification_attempts_pk", ["delivery_id", "attempt"])
        .execute();
    },
  },
  "0010_rollouts": {
    async up(db: Db) {
      await db.schema
        .createTable("rollouts")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("revision", "text", (c) => c.notNull())
        .addColumn("state", "json", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "timestamptz")
        .addColumn("updated_at", "timestamptz", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("rollout_events")
        .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
        .addColumn("rollout", "text", (c) => c.notNull())
        .addColumn("at", "timestamptz", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("idempotency_key", "text")
        .addColumn("detail", "json", (c) => c.notNull())
        .execute();
      // One event of a kind per action key: a restarted driver never records (or repeats) an action twice.
      await db.schema
        .createIndex("rollout_events_key")
        .on("rollout_events")
        .columns(["rollout", "kind", "idempotency_key"])
        .unique()
        .execute();
      await db.schema
        .createIndex("rollout_events_rollout")
        .on("rollout_events")
        .columns(["rollout", "id"])
        .execute();
    },
  },
  "0011_latest_runs": {
    async up(db: Db) {
      // Each checklist's latest complete run, as the service list sorts and shows it: a thousand
      // small rows to arrange a thousand services, instead of a thousand runs and their summaries.
      await db.schema
        .createTable("latest_runs")
        .addColumn("checklist", "text", (c) => c.primaryKey())
        .addColumn("run_id", "bigint", (c) => c.notNull())
        .addColumn("started_at", "timestamptz", (c) => c.notNull())
        .addColumn("verdict", "text")
        .addColumn("verified_pct", "double precision")
        .addColumn("claimed_pct", "double precision")
        .addColumn("failing", "integer")
        .execute();
      // Kept by the database, in the statement that completes a run, whoever writes it (a gonogo
      // of any version, a script): the newest complete run by id wins, as latestCompleteRun reads
      // it. The function keeps the schema it was made in, so it finds latest_runs from any session.
      await sql`create function runs_latest_run() returns trigger language plpgsql
        set search_path from current as $$
        begin
          insert into latest_runs (checklist, run_id, started_at, verdict, verified_pct, claimed_pct, failing)
          values (new.checklist, new.id, new.started_at, new.verdict,
                  (new.summary->>'verifiedPct')::double precision, (new.summary->>'claimedPct')::double precision,
                  (new.summary->>'fail')::integer + (new.summary->>'error')::integer)
          on conflict (checklist) do update set
            run_id = excluded.run_id, started_at = excluded.started_at, verdict = excluded.verdict,
            verified_pct = excluded.verified_pct, claimed_pct = excluded.claimed_pct, failing = excluded.failing
          where excluded.run_id > latest_runs.run_id;
          return null;
        end $$`.execute(db);
      await sql`create trigger runs_latest_run after insert or update of complete on runs
        for each row when (new.complete) execute function runs_latest_run()`.execute(db);
      // The runs there are already: each checklist's newest complete one.
      await sql`insert into latest_runs (checklist, run_id, started_at, verdict, verified_pct, claimed_pct, failing)
        select checklist, id, started_at, verdict,
               (summary->>'verifiedPct')::double precision, (summary->>'claimedPct')::double precision,
               (summary->>'fail')::integer + (summary->>'error')::integer
        from runs where id in (select max(id) from runs where complete group by checklist)`.execute(db);
    },
  },
  "0012_gate_states": {
    async up(db: Db) {
      await db.schema
        .createTable("gate_states")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("first_at", "timestamptz", (c) => c.notNull())
        .addColumn("state", "json", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("updated_at", "timestamptz", (c) => c.notNull())
        .execute();
    },
  },
};
