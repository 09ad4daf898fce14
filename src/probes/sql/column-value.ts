import type { Observed } from "../../core/observation.js";
import type { ColumnKind } from "./plan.js";

const INTEGER_TEXT = /^[-+]?\d+$/;
const DECIMAL_TEXT = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
// `2024-05-01 10:00:00.5+02` as Postgres and MySQL write it; the offset is optional.
const TIMESTAMP_TEXT = /^(\d{4,}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[-+]\d{2}(?::?\d{2})?)?$/;

/**
 * A value as a driver returns it, made comparable: a count or a decimal that the driver returns as
 * text becomes a number (a 64-bit integer too large for one stays text, not rounded), a timestamp
 * with time zone an ISO 8601 UTC instant, bytes `\x` hex, JSON and records JSON text.
 * `observedValue("42", "integer")` is 42; `observedValue("2024-05-01 10:00:00+02", "timestamptz")`
 * is "2024-05-01T08:00:00.000Z".
 */
export function observedValue(value: unknown, kind: ColumnKind): Observed {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "number") return value;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (typeof value === "string") return textValue(value, kind);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString("hex")}`;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? String(item) : item));
}

function textValue(text: string, kind: ColumnKind): Observed {
  switch (kind) {
    case "integer":
      return INTEGER_TEXT.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
    case "decimal":
      return DECIMAL_TEXT.test(text) && Number.isFinite(Number(text)) ? Number(text) : text;
    case "timestamptz":
      return instant(text);
    case "timestamp":
      return TIMESTAMP_TEXT.test(text) ? text.replace(" ", "T") : text;
    case "date":
    case "other":
      return text;
  }
}

/** A timestamp with time zone as a UTC instant; one written without an offset is already UTC. */
function instant(text: string): string {
  const match = TIMESTAMP_TEXT.exec(text);
  if (match === null) return text; // `infinity`, a BC date: kept as the server wrote it
  const [, date, time, offset = "Z"] = match;
  const iso = `${date}T${time}${offset === "Z" || offset.includes(":") ? offset : withColon(offset)}`;
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString();
}

/** `+02` -> `+02:00`, `+0530` -> `+05:30`. */
function withColon(offset: string): string {
  return offset.length === 3 ? `${offset}:00` : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}
