/**
 * Small YAML writers for the proposed file: flow mappings and lists on one line, strings always
 * double-quoted (a JSON string is a valid YAML double-quoted scalar), so no item text can turn
 * into a number, a boolean, a comment or a mapping.
 */
export function flow(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(flow).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{ ${entries.map(([k, v]) => `${key(k)}: ${flow(v)}`).join(", ")} }`;
  }
  return "null";
}

export function key(name: string): string {
  return /^[A-Za-z_][\w-]*$/.test(name) ? name : JSON.stringify(name);
}

/** A comment line that stays one line whatever the text holds. */
export function comment(text: string, indent = ""): string {
  return `${indent}# ${text.replace(/[\r\n]+/g, " ")}`;
}
