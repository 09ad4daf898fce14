import type { PGlite } from "@electric-sql/pglite";
import { Mutex } from "@electric-sql/pglite";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from "kysely";

/**
 * A Kysely dialect over one PGlite (Postgres in WebAssembly, in this process) for the store
 * suite, in a schema of its own: several stores share one PGlite, since starting one is slow.
 * PGlite is one session, so the dialect has one connection, held by one query or transaction
 * at a time; `destroy` leaves the PGlite open (its owner closes it).
 */
export function pgliteDialect(pglite: PGlite, schema: string): Dialect {
  const lock = new Mutex();
  let release: (() => void) | undefined;
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const result = await pglite.query<R>(query.sql, [...query.parameters]);
      return {
        rows: result.rows,
        ...(result.affectedRows === undefined ? {} : { numAffectedRows: BigInt(result.affectedRows) }),
      };
    },
    streamQuery() {
      throw new Error("pglite dialect: streaming is not supported");
    },
  };
  const run = (sql: string) => connection.executeQuery(CompiledQuery.raw(sql)).then(() => undefined);
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      release = await lock.acquire();
      // The session is shared: each use starts by pointing it at this store's schema.
      await run(`set search_path to "${schema}"`);
      return connection;
    },
    beginTransaction: () => run("begin"),
    commitTransaction: () => run("commit"),
    rollbackTransaction: () => run("rollback"),
    async releaseConnection() {
      release?.();
    },
    async destroy() {},
  };
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new PostgresQueryCompiler(),
    // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector takes any database.
    createIntrospector: (db: Kysely<any>) => new PostgresIntrospector(db),
  };
}
