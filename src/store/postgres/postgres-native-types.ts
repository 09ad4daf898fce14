import { type Kysely, type Migration, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: the migration changes the tables it would type.
type Db = Kysely<any>;

/**
 * Columns that take a native type, by table, each converted in place from the text the first
 * schema kept (`USING column::type`). JSON becomes `json`, not `jsonb`: jsonb reorders an
 * object's keys and drops duplicates, and `show --json`, `history --json` and `audit` print these
 * documents back as they were written.
 */
const NATIVE_COLUMNS: Record<string, Record<string, string>> = {
  runs: { started_at: "timestamptz", finished_at: "timestamptz", summary: "json", report: "json" },
  run_checks: { run_id: "bigint", recorded_at: "timestamptz", result: "json" },
  attestations: { at: "timestamptz", expires_at: "timestamptz" },
  waivers: { at: "timestamptz", until: "date" },
  signoffs: {
    at: "timestamptz",
    run_id: "bigint",
    statuses: "json",
    voided_at: "timestamptz",
    void_run_id: "bigint",
  },
  audit_events: { at: "timestamptz", detail: "json" },
};

/** `serial` keys that become `bigint` identity columns. */
const IDENTITY_KEYS: [table: string, column: string][] = [
  ["runs", "id"],
  ["attestations", "id"],
  ["waivers", "id"],
  ["signoffs", "id"],
  ["audit_events", "seq"],
];

/**
 * The next key a serial column would have handed out: past its sequence and its largest value,
 * so no number is ever given twice (a deleted run's id included).
 */
async function nextKey(db: Db, table: string, column: string, sequence: string): Promise<number> {
  const { rows } = await sql<{ next: string }>`
    select greatest(
      (select coalesce(max(${sql.ref(column)}), 0) + 1 from ${sql.table(table)}),
      (select case when is_called then last_value + 1 else last_value end from ${sql.raw(sequence)})
    ) as next`.execute(db);
  return Number(rows[0]?.next ?? 1);
}

async function toIdentity(db: Db, table: string, column: string): Promise<void> {
  const { rows } = await sql<{ sequence: string | null }>`
    select pg_get_serial_sequence(${table}, ${column}) as sequence`.execute(db);
  // Postgres names and quotes the sequence itself; it is safe to splice in as it comes.
  const sequence = rows[0]?.sequence;
  if (!sequence) throw new Error(`${table}.${column} has no sequence to convert`);
  const next = await nextKey(db, table, column, sequence);
  const [t, c] = [sql.table(table), sql.ref(column)];
  await sql`alter table ${t} alter column ${c} drop default, alter column ${c} type bigint`.execute(db);
  await sql`drop sequence ${sql.raw(sequence)}`.execute(db);
  await sql`alter table ${t} alter column ${c} add generated always as identity (start with ${sql.lit(next)})`.execute(
    db,
  );
}

async function toNativeColumns(db: Db, table: string, columns: Record<string, string>): Promise<void> {
  const changes = Object.entries(columns).map(
    ([column, type]) =>
      sql`alter column ${sql.ref(column)} type ${sql.raw(type)} using ${sql.ref(column)}::${sql.raw(type)}`,
  );
  await sql`alter table ${sql.table(table)} ${sql.join(changes)}`.execute(db);
}

/**
 * `0004_native_types`: timestamptz, date, json, boolean and bigint identity keys on Postgres, for
 * databases made by the first schema (text everywhere). Runs inside the migration transaction:
 * a value that does not convert leaves the database as it was.
 */
export const nativeTypesMigration: Migration = {
  async up(db: Db) {
    for (const [table, column] of IDENTITY_KEYS) await toIdentity(db, table, column);
    for (const [table, columns] of Object.entries(NATIVE_COLUMNS)) await toNativeColumns(db, table, columns);
    // The default (0) cannot be cast: drop it, convert, set the boolean one.
    await sql`alter table runs
      alter column complete drop default,
      alter column complete type boolean using complete <> 0,
      alter column complete set default false`.execute(db);
  },
};
