import type { Observed } from "../core/observation.js";

/** An observed value sorted by what it is, with durations in ms and sizes in bytes. */
export type Seen =
  | { kind: "duration" | "size" | "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "list"; value: string[] };

export type Unusable = { error: string; actual: string };

const NUMERIC_TEXT = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

function finite(kind: "duration" | "size" | "number", value: number, name: string): Seen | Unusable {
  if (Number.isFinite(value)) return { kind, value };
  // A duration may be "never" (a cache key with no TTL): larger than any limit, so `<= 30m`
  // fails and `> 1h` holds. Any other infinity or NaN is not a measurement.
  if (kind === "duration" && value === Number.POSITIVE_INFINITY) return { kind, value };
  return { error: `${name} is not a finite number (${value})`, actual: String(value) };
}

function isQuantity(value: object): value is { value: unknown; unit: unknown } {
  return "value" in value && "unit" in value;
}

/**
 * Sorts a probe's value, rejecting what cannot be compared (NaN, infinities other than a
 * duration's "never", an unknown shape).
 * The value arrives typed but from code we do not control, so the shape is checked, not assumed.
 */
export function classifyObserved(value: Exclude<Observed, null>, name: string): Seen | Unusable {
  if (typeof value === "number") return finite("number", value, name);
  if (typeof value === "string") return { kind: "string", value };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === "string")) return { kind: "list", value };
    return { error: `${name} is a list with items that are not text`, actual: `${value.length} items` };
  }
  if (typeof value === "object" && isQuantity(value) && typeof value.value === "number") {
    if (value.unit === "ms") return finite("duration", value.value, name);
    if (value.unit === "B") return finite("size", value.value, name);
  }
  return { error: `${name} has a value gonogo cannot compare (${typeof value})`, actual: "?" };
}

/**
 * A header or output line is text even when it holds a number; compared with a number, text that
 * reads as one is that number (`"123"` is 123). Anything else is not a number, never 0.
 */
export function numberInText(text: string): number | undefined {
  if (!NUMERIC_TEXT.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
