// Runs one SQLite plan for sqlite-runner.ts and exits; killed there if it outlives the check's timeout.
// Only type imports from local files: this file is forked as it is, from src/ (type stripping) or dist/.
import Database from "better-sqlite3";
import type { CatalogCount, CatalogRequest, QueryResult } from "./plan.js";
import type { SqliteReply, SqliteRequest } from "./sqlite-protocol.js";

type Db = InstanceType<typeof Database>;

const RELATION_TYPES: Record<string, string[]> = { tables: ["table", "virtual"], views: ["view"] };
const ABSENT: Record<string, string> = {
  matviews: "SQLite has no materialized views",
  functions: "SQLite has no stored functions",
};

process.once("message", (request: SqliteRequest) => {
  const reply = answer(request);
  process.send?.(reply, () => process.disconnect());
});

function answer(request: SqliteRequest): SqliteReply {
  let db: Db | undefined;
  try {
    db = new Database(request.file, {
      readonly: request.readOnly,
      fileMustExist: true,
      timeout: request.busyTimeoutMs,
    });
    db.exec("BEGIN");
    const query = request.query === undefined ? undefined : runQuery(db, request.query, request.params);
    const catalog: Record<string, CatalogCount> = {};
    for (const item of request.catalog) catalog[item.key] = countCatalog(db, item);
    return { ok: true, outcome: { query, catalog } };
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return {
      ok: false,
      code: typeof code === "string" ? code : undefined,
      message: String(message ?? error),
    };
  } finally {
    if (db?.inTransaction) db.exec("ROLLBACK");
    db?.close();
  }
}

function runQuery(db: Db, sql: string, params: SqliteRequest["params"]): QueryResult {
  const started = performance.now();
  const statement = db.prepare(sql);
  if (!statement.reader) {
    statement.run(...params);
    return { columns: [], rows: [], durationMs: performance.now() - started };
  }
  const rows = statement
    .raw(true)
    .safeIntegers(true)
    .all(...params) as unknown[][];
  const columns = statement.columns().map((column) => ({ name: column.name, kind: "other" as const }));
  return { columns, rows, durationMs: performance.now() - started };
}

function countCatalog(db: Db, request: CatalogRequest): CatalogCount {
  const types = RELATION_TYPES[request.kind];
  if (types === undefined) return { absent: ABSENT[request.kind] ?? `SQLite has no ${request.kind}` };
  const schema = request.schema ?? "main";
  const exists = db.prepare("SELECT 1 FROM pragma_database_list WHERE name = ?").get(schema) !== undefined;
  const marks = types.map(() => "?").join(", ");
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM pragma_table_list WHERE schema = ? AND type IN (${marks}) AND substr(name, 1, 7) <> 'sqlite_'`,
    )
    .get(schema, ...types) as { n: number };
  return { count: row.n, schema, schemaExists: exists };
}
