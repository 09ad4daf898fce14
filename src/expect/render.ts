import { formatQuantity } from "../core/format-quantity.js";
import { quoteString } from "./canonical.js";
import type { Seen } from "./observed.js";

/** Evidence stays one readable line; the full value is in the check's observations. */
export const ACTUAL_MAX_CHARS = 120;

/** Cuts to `max` characters (code points, so an emoji is never split), ending with an ellipsis. */
export function cut(text: string, max = ACTUAL_MAX_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function renderList(items: string[]): string {
  const count = `${items.length} ${items.length === 1 ? "item" : "items"}`;
  return items.length === 0 ? count : cut(`${count}: ${items.join(", ")}`);
}

/**
 * A short rendering of what was seen: `412ms`, `"text/html"`, `3 items: a, b, c`, `93%`.
 * `like` is the unit the expectation was written in, so a ratio checked against `90%` shows as `93%`.
 */
export function renderActual(seen: Seen, like: string | null = null, digits = 4): string {
  switch (seen.kind) {
    case "duration":
      return formatQuantity({ value: seen.value, unit: "ms" }, like, digits);
    case "size":
      return formatQuantity({ value: seen.value, unit: "B" }, like, digits);
    case "number":
      return formatQuantity(seen.value, like, digits);
    case "string":
      return quoteString(cut(seen.value));
    case "boolean":
      return String(seen.value);
    case "list":
      return renderList(seen.value);
  }
}
