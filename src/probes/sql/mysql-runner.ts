import mysql from "mysql2";
import type { FieldPacket } from "mysql2/promise";
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

type Connection = ReturnType<mysql.Connection["promise"]>;

/** mysql2 column type codes (`Types` in mysql2) by how column-value.ts reads them. */
const KIND_BY_TYPE: Record<number, ColumnKind> = {
  0: "decimal", // DECIMAL
  246: "decimal", // NEWDECIMAL
  4: "decimal", // FLOAT
  5: "decimal", // DOUBLE
  8: "integer", // LONGLONG: text when past 2^53
  7: "timestamptz", // TIMESTAMP, read in the session's UTC
  17: "timestamptz",
  12: "timestamp", // DATETIME has no time zone
  18: "timestamp",
  10: "date",
};

/** MariaDB's errno for max_statement_time (MySQL's max_execution_time is 3024); mysql2 gives it no code. */
const ER_STATEMENT_TIMEOUT = 1969;

const COUNTS: Record<Exclude<CatalogKind, "matviews">, string> = {
  tables:
    "SELECT COUNT(*) FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = s.name AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')",
  views:
    "SELECT COUNT(*) FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = s.name AND t.TABLE_TYPE = 'VIEW'",
  functions: "SELECT COUNT(*) FROM information_schema.ROUTINES r WHERE r.ROUTINE_SCHEMA = s.name",
};

/**
 * Runs the plan in one transaction that is rolled back. Read-only is both the session's default and
 * the transaction's (`SET SESSION TRANSACTION READ ONLY`, `START TRANSACTION READ ONLY`): DDL commits
 * the transaction it is in, and only the session setting makes the next one refuse it too.
 * The statement timeout is MariaDB's `max_statement_time` or MySQL's `max_execution_time`.
 */
export async function runSql(spec: DatabaseSpec, plan: SqlPlan, deadline: Deadline): Promise<SqlOutcome> {
  const started = performance.now();
  const raw = mysql.createConnection({
    uri: spec.location,
    connectTimeout: plan.timeoutMs,
    supportBigNumbers: true,
    dateStrings: true,
    timezone: "Z",
    multipleStatements: false,
  });
  raw.on("error", () => undefined); // a dropped connection also fails the pending query, which says why
  const connection = raw.promise();
  const onAbort = () => raw.destroy();
  deadline.signal.addEventListener("abort", onAbort, { once: true });
  try {
    await connection.connect();
    const limitMs = await startTransaction(connection, plan, performance.now() - started);
    const query =
      plan.query === undefined ? undefined : await runQuery(connection, plan.query, plan.params, limitMs);
    const catalog: Record<string, CatalogCount> = {};
    for (const request of plan.catalog) catalog[request.key] = await countCatalog(connection, request);
    await connection.query("ROLLBACK");
    return { query, catalog };
  } finally {
    // After a failure the connection may be unusable; closing it rolls back whatever is open.
    deadline.signal.removeEventListener("abort", onAbort);
    raw.destroy();
  }
}

/** Sets the session up and starts the transaction; returns the statement timeout it set, in ms. */
async function startTransaction(connection: Connection, plan: SqlPlan, spentMs: number): Promise<number> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>("SELECT VERSION() AS version");
  const mariadb = /mariadb/i.test(String(rows[0]?.version));
  const leftMs = Math.max(1, Math.floor(plan.timeoutMs - spentMs));
  await connection.query(
    mariadb
      ? `SET SESSION max_statement_time = ${leftMs / 1000}`
      : `SET SESSION max_execution_time = ${leftMs}`,
  );
  await connection.query("SET SESSION time_zone = '+00:00'");
  if (plan.readOnly) await connection.query("SET SESSION TRANSACTION READ ONLY");
  await connection.query(plan.readOnly ? "START TRANSACTION READ ONLY" : "START TRANSACTION");
  return leftMs;
}

async function runQuery(
  connection: Connection,
  sql: string,
  values: SqlParam[],
  limitMs: number,
): Promise<QueryResult> {
  const started = performance.now();
  const [rows, fields] = await connection.query<mysql.RowDataPacket[][]>({ sql, values, rowsAsArray: true });
  const durationMs = performance.now() - started;
  // An interrupted SLEEP() or BENCHMARK() returns a value instead of failing: a result that took the
  // whole statement timeout was cut short, whatever it says.
  if (durationMs >= limitMs)
    throw Object.assign(new Error("statement timeout"), { errno: ER_STATEMENT_TIMEOUT });
  // A statement that returns no result set (read_only: false) answers with a header, not rows.
  if (!Array.isArray(rows) || fields === undefined) return { columns: [], rows: [], durationMs };
  return { columns: (fields as FieldPacket[]).map(columnOf), rows, durationMs };
}

function columnOf(field: FieldPacket): { name: string; kind: ColumnKind } {
  return { name: field.name, kind: KIND_BY_TYPE[field.columnType ?? field.type ?? -1] ?? "other" };
}

async function countCatalog(connection: Connection, request: CatalogRequest): Promise<CatalogCount> {
  if (request.kind === "matviews") return { absent: "MySQL and MariaDB have no materialized views" };
  const sql = `SELECT s.name AS name,
      (SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = s.name) AS present,
      (${COUNTS[request.kind]}) AS count
    FROM (SELECT COALESCE(?, DATABASE()) AS name) s`;
  const [rows] = await connection.query<mysql.RowDataPacket[]>(sql, [request.schema]);
  const row = rows[0];
  if (row?.name == null) return { absent: "no schema given and the URL names no database" };
  return { count: Number(row.count), schema: String(row.name), schemaExists: Number(row.present) > 0 };
}
