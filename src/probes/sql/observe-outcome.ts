import type { ObservableRef, Observations } from "../../core/observation.js";
import { observedValue } from "./column-value.js";
import type { QueryResult, SqlOutcome } from "./plan.js";

export interface SqlObservations {
  observations: Observations;
  /** Why each observable reported as null has no value: `value: the query returned no rows`. */
  absent: Record<string, string>;
  /** Schemas named in `tables(x)`-style observables that do not exist (their counts are 0). */
  missingSchemas: string[];
}

/** Observations of a run: the query's rows, value and columns, and the catalog counts. */
export function observeOutcome(outcome: SqlOutcome, requested: ObservableRef[]): SqlObservations {
  const result: SqlObservations = { observations: {}, absent: {}, missingSchemas: [] };
  if (outcome.query !== undefined) observeQuery(outcome.query, requested, result);
  for (const [key, count] of Object.entries(outcome.catalog)) {
    if ("absent" in count) {
      result.observations[key] = null;
      result.absent[key] = count.absent;
      continue;
    }
    result.observations[key] = count.count;
    if (!count.schemaExists && !result.missingSchemas.includes(count.schema)) {
      result.missingSchemas.push(count.schema);
    }
  }
  return result;
}

function observeQuery(query: QueryResult, requested: ObservableRef[], result: SqlObservations): void {
  const { observations, absent } = result;
  const first = query.rows[0];
  observations.rows = query.rows.length;
  observations.duration = { value: Math.round(query.durationMs * 1000) / 1000, unit: "ms" };
  const firstColumn = query.columns[0];
  observations.value = first && firstColumn ? observedValue(first[0], firstColumn.kind) : null;
  if (observations.value === null) absent.value = whyNoValue(query, 0);
  for (const ref of requested.filter((r) => r.name === "column")) {
    const index = columnIndex(query, ref);
    const column = index === undefined ? undefined : query.columns[index];
    if (index === undefined || column === undefined) {
      observations[ref.text] = null;
      absent[ref.text] = noSuchColumn(query, ref);
      continue;
    }
    observations[ref.text] = first ? observedValue(first[index], column.kind) : null;
    if (observations[ref.text] === null) absent[ref.text] = whyNoValue(query, index);
  }
}

/** The column `column.<name>` names: an exact match first, else the only one equal ignoring case. */
function columnIndex(query: QueryResult, ref: ObservableRef): number | undefined {
  const [name, ...rest] = ref.path;
  if (typeof name !== "string" || rest.length > 0) return undefined;
  const exact = query.columns.findIndex((column) => column.name === name);
  if (exact >= 0) return exact;
  const folded = query.columns.flatMap((column, index) =>
    column.name.toLowerCase() === name.toLowerCase() ? [index] : [],
  );
  return folded.length === 1 ? folded[0] : undefined;
}

function noSuchColumn(query: QueryResult, ref: ObservableRef): string {
  const names = query.columns.map((column) => column.name).join(", ") || "none";
  if (ref.path.length !== 1 || typeof ref.path[0] !== "string") {
    return `write column.<name> with one column name, not ${ref.text} (columns: ${names})`;
  }
  return `the query has no column "${ref.path[0]}" (columns: ${names})`;
}

function whyNoValue(query: QueryResult, index: number): string {
  if (query.columns.length === 0) return "the statement returned no columns";
  if (query.rows.length === 0) return "the query returned no rows";
  return `the first row's ${query.columns[index]?.name ?? "first"} column is NULL`;
}
