import pg from "pg";
import type { Deadline } from "../shared/deadline.js";
import type { SqlParam } from "./config.js";
import type { DatabaseSpec } from "./database-url.js";
import type {
  CatalogCount,
  CatalogKind,
  CatalogRequest,
  ColumnKind,
  QueryResult,
  SqlOutcome,
  SqlPlan,
} from "./plan.js";

/** Type OIDs whose text form column-value.ts reads; dates stay text so no local time zone creeps in. */
const KIND_BY_OID: Record<number, ColumnKind> = {
  20: "integer", // int8: pg returns it as text
  21: "integer",
  23: "integer",
  26: "integer", // oid
  700: "decimal",
  701: "decimal",
  1700: "decimal", // numeric
  1082: "date",
  1114: "timestamp",
  1184: "timestamptz",
};
const TEXT_OIDS = new Set([1082, 1114, 1184]);

const keepDatesAsText = ((oid: number, format?: "text" | "binary") =>
  TEXT_OIDS.has(oid)
    ? (text: string) => text
    : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

/** The relations or routines each catalog count covers, for the schema `n`. */
const COUNTS: Record<CatalogKind, string> = {
  tables:
    "SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p') AND NOT c.relispartition",
  views: "SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('v', 'm')",
  matviews: "SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind = 'm'",
  functions: "SELECT count(*) FROM pg_proc p WHERE p.pronamespace = n.oid AND p.prokind IN ('f', 'p')",
};

/**
 * Runs the plan in one transaction (`BEGIN READ ONLY` unless the check says otherwise) with
 * `SET LOCAL statement_timeout` at what is left of the budget, then rolls it back. The query goes
 * through the extended protocol, which refuses a second statement (`select 1; commit; delete ...`).
 */
export async function runSql(spec: DatabaseSpec, plan: SqlPlan, deadline: Deadline): Promise<SqlOutcome> {
  const started = performance.now();
  const client = new pg.Client({
    connectionString: spec.location,
    connectionTimeoutMillis: plan.timeoutMs,
    types: { getTypeParser: keepDatesAsText },
  });
  client.on("error", () => undefined); // a dropped connection also fails the pending query, which says why
  const onAbort = () => client.connection.stream.destroy();
  deadline.signal.addEventListener("abort", onAbort, { once: true });
  try {
    await client.connect();
    await client.query(plan.readOnly ? "BEGIN READ ONLY" : "BEGIN");
    const leftMs = Math.max(1, Math.floor(plan.timeoutMs - (performance.now() - started)));
    await client.query(`SET LOCAL statement_timeout = ${leftMs}`);
    const query = plan.query === undefined ? undefined : await runQuery(client, plan.query, plan.params);
    const catalog: Record<string, CatalogCount> = {};
    for (const request of plan.catalog) catalog[request.key] = await countCatalog(client, request);
    await client.query("ROLLBACK");
    return { query, catalog };
  } finally {
    // After a failure the connection may be unusable; closing it rolls back whatever is open.
    deadline.signal.removeEventListener("abort", onAbort);
    await client.end().catch(() => undefined);
  }
}

async function runQuery(client: pg.Client, text: string, values: SqlParam[]): Promise<QueryResult> {
  const config = { text, values, rowMode: "array" as const, queryMode: "extended" };
  const started = performance.now();
  const result = await client.query(config);
  return {
    columns: result.fields.map((field) => ({
      name: field.name,
      kind: KIND_BY_OID[field.dataTypeID] ?? "other",
    })),
    rows: result.rows,
    durationMs: performance.now() - started,
  };
}

async function countCatalog(client: pg.Client, request: CatalogRequest): Promise<CatalogCount> {
  const sql = `SELECT s.name AS schema, n.oid IS NOT NULL AS exists, (${COUNTS[request.kind]})::int AS count
    FROM (SELECT coalesce($1::text, current_schema()) AS name) s LEFT JOIN pg_namespace n ON n.nspname = s.name`;
  const result = await client.query<{ schema: string | null; exists: boolean; count: number }>(sql, [
    request.schema,
  ]);
  const row = result.rows[0];
  if (row?.schema == null) return { absent: "no schema given and the search_path names none" };
  return { count: row.count, schema: row.schema, schemaExists: row.exists };
}
