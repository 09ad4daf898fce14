import type { ObservableSpec } from "../../core/observation.js";

export const sqlObservables: Record<string, ObservableSpec> = {
  rows: { kind: "number", description: "number of rows the query returned" },
  value: {
    kind: "any",
    description:
      "first column of the first row (numbers as numbers, dates as ISO 8601); absent when NULL or no rows",
  },
  column: {
    kind: "any",
    form: "path",
    description: "a column of the first row by name: column.total; absent when NULL, missing or no rows",
  },
  duration: { kind: "duration", description: "time the query took, connecting not included" },
  tables: {
    kind: "number",
    form: "call",
    description: "tables in a schema: tables(ai); the connection's default schema without an argument",
  },
  views: {
    kind: "number",
    form: "call",
    description: "views in a schema, materialized views included (Postgres): views(ai)",
  },
  matviews: { kind: "number", form: "call", description: "materialized views in a schema (Postgres only)" },
  functions: {
    kind: "number",
    form: "call",
    description: "functions and procedures in a schema (Postgres, MySQL): functions(ai)",
  },
};
