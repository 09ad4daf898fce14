import type { CustomTypesConfig } from "pg";

/** Postgres type OIDs whose values the store reads in its own shape (`tables.ts`). */
const OID = { int8: 20, json: 114, date: 1082, timestamptz: 1184, jsonb: 3802 } as const;

type TextParser = (text: string) => unknown;

/**
 * How the store reads Postgres's native types, as parsers of their text form: times as the ISO
 * strings gonogo wrote (`Date#toISOString`), dates as YYYY-MM-DD (never a local midnight), JSON
 * as its text (parsed by the repositories, as on SQLite), bigint keys as numbers.
 * `parseTimestamptz` is the driver's own parser of the text Postgres sends.
 */
export function storeTextParsers(parseTimestamptz: (text: string) => Date): Record<number, TextParser> {
  const text: TextParser = (value) => value;
  return {
    [OID.int8]: Number,
    [OID.json]: text,
    [OID.jsonb]: text,
    [OID.date]: text,
    [OID.timestamptz]: (value) => parseTimestamptz(value).toISOString(),
  };
}

/** For a `pg` pool: the store's parsers over the driver's (`pg.types`), for this pool only. */
export function storeTypes(driverTypes: CustomTypesConfig): CustomTypesConfig {
  const parsers = storeTextParsers(driverTypes.getTypeParser(OID.timestamptz, "text"));
  const getTypeParser = ((oid: number, format?: "text" | "binary") =>
    (format ?? "text") === "text" && parsers[oid]
      ? parsers[oid]
      : driverTypes.getTypeParser(oid, format)) as CustomTypesConfig["getTypeParser"];
  return { getTypeParser };
}
