import type { Observed } from "../../core/observation.js";

export type JsonPath = readonly (string | number)[];

export type JsonLookup = { found: true; value: unknown } | { found: false; reason: string };

/**
 * Walks a parsed JSON document along a plain path of keys and indexes (`["data", 0, "id"]` for
 * `json.data[0].id`). Nothing is evaluated: a step is an own property or an array index, no more.
 */
export function lookupJsonPath(document: unknown, path: JsonPath): JsonLookup {
  let value = document;
  for (const [depth, step] of path.entries()) {
    const at = formatJsonPath(path.slice(0, depth));
    if (Array.isArray(value)) {
      const index = typeof step === "number" ? step : /^\d+$/.test(step) ? Number(step) : Number.NaN;
      if (!Number.isInteger(index)) return { found: false, reason: `${at} is an array, not an object` };
      if (index >= value.length) {
        return { found: false, reason: `${at} has ${value.length} element(s), no index ${index}` };
      }
      value = value[index];
    } else if (typeof value === "object" && value !== null) {
      const key = String(step);
      if (!Object.hasOwn(value, key)) return { found: false, reason: `${at} has no field "${key}"` };
      value = (value as Record<string, unknown>)[key];
    } else {
      return { found: false, reason: `${at} is ${value === null ? "null" : typeof value}, not an object` };
    }
  }
  return { found: true, value };
}

/** `["data", 0, "id"]` -> `json.data[0].id` */
export function formatJsonPath(path: JsonPath): string {
  return path.reduce<string>(
    (text, step) => (typeof step === "number" ? `${text}[${step}]` : `${text}.${step}`),
    "json",
  );
}

/**
 * A JSON value as an observation: scalars as they are, an array as a list (non-string elements as
 * their JSON text, so `json.items == 3` compares the length and `contains` finds an element), an
 * object as its JSON text.
 */
export function jsonToObserved(value: unknown): Observed {
  if (
    value === null ||
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean"
  ) {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((element) => (typeof element === "string" ? element : JSON.stringify(element)));
  }
  return JSON.stringify(value) ?? null;
}
