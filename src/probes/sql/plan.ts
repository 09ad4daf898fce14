import { GonogoError } from "../../core/errors.js";
import type { ObservableRef } from "../../core/observation.js";
import type { SqlConfig, SqlParam } from "./config.js";

export type CatalogKind = "tables" | "views" | "matviews" | "functions";

export const CATALOG_KINDS: readonly CatalogKind[] = ["tables", "views", "matviews", "functions"];

/** One `tables(ai)`-style count, reported under `key` (the observable's canonical text). */
export interface CatalogRequest {
  key: string;
  kind: CatalogKind;
  /** null: the connection's default schema (Postgres `current_schema()`, MySQL `DATABASE()`, SQLite `main`). */
  schema: string | null;
}

/** Everything one run asks of the database, done in one transaction that is rolled back. */
export interface SqlPlan {
  query: string | undefined;
  params: SqlParam[];
  catalog: CatalogRequest[];
  readOnly: boolean;
  /** The whole budget, connecting included; a runner sets its statement timeout from what is left. */
  timeoutMs: number;
}

/** How a column's values are turned into observations (see column-value.ts). */
export type ColumnKind = "integer" | "decimal" | "timestamptz" | "timestamp" | "date" | "other";

export interface Column {
  name: string;
  kind: ColumnKind;
}

export interface QueryResult {
  columns: Column[];
  /** Rows as arrays, so two columns with the same name both survive. */
  rows: unknown[][];
  durationMs: number;
}

export type CatalogCount = { count: number; schema: string; schemaExists: boolean } | { absent: string };

export interface SqlOutcome {
  query: QueryResult | undefined;
  catalog: Record<string, CatalogCount>;
}

const QUERY_OBSERVABLES = new Set(["rows", "value", "column", "duration"]);

/** The plan for a check: its query, and one catalog count per `tables(x)`-style observable it names. */
export function planSql(config: SqlConfig, requested: ObservableRef[], timeoutMs: number): SqlPlan {
  const needsQuery = requested.find((ref) => QUERY_OBSERVABLES.has(ref.name));
  if (needsQuery !== undefined && config.query === undefined) {
    throw new GonogoError("config", `sql: \`${needsQuery.text}\` needs a \`query:\` in the check`);
  }
  const catalog = new Map<string, CatalogRequest>();
  for (const ref of requested) {
    const kind = CATALOG_KINDS.find((name) => name === ref.name);
    if (kind === undefined) continue;
    if (ref.args.length > 1 || ref.path.length > 0) {
      throw new GonogoError(
        "config",
        `sql: write \`${kind}(<schema>)\` with one schema, not \`${ref.text}\``,
      );
    }
    const schema = ref.args[0];
    catalog.set(ref.text, { key: ref.text, kind, schema: schema === undefined ? null : String(schema) });
  }
  return {
    query: config.query,
    params: config.params,
    catalog: [...catalog.values()],
    readOnly: config.read_only,
    timeoutMs,
  };
}
