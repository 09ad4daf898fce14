import type { ObservableRef } from "../core/observation.js";
import type { ExpectedValue, Op } from "./types.js";

// Must agree with the tokenizer's IDENT so a canonical path segment reads back as the same segment.
const PLAIN_SEGMENT = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

/** A string literal the parser reads back as `value`: double quotes, escaping \ " and line breaks. */
export function quoteString(value: string): string {
  const escaped = value.replace(/[\\"\n\r\t]/g, (char) => {
    if (char === "\n") return "\\n";
    if (char === "\r") return "\\r";
    if (char === "\t") return "\\t";
    return `\\${char}`;
  });
  return `"${escaped}"`;
}

function pathSegment(segment: string | number): string {
  if (typeof segment === "number") return `[${segment}]`;
  return PLAIN_SEGMENT.test(segment) ? `.${segment}` : `[${quoteString(segment)}]`;
}

/** `json.data[0]["k y"]`, `quantile(lat, 0.95)`: the key under which probes report a value. */
export function canonicalObservable(ref: Pick<ObservableRef, "name" | "path" | "args">): string {
  const args = ref.args.length > 0 ? `(${ref.args.map(String).join(", ")})` : "";
  return `${ref.name}${args}${ref.path.map(pathSegment).join("")}`;
}

/** `300ms`, `0.5%`, `"ok"`, `/json/i`, `true`. */
export function canonicalValue(value: ExpectedValue): string {
  switch (value.kind) {
    case "number":
      return `${value.literal}${value.unit ?? ""}`;
    case "string":
      return quoteString(value.value);
    case "regex":
      return `/${value.source}/${value.flags}`;
    case "boolean":
      return String(value.value);
  }
}

/** `p95 < 300ms`, `body exists`: one space between parts, ASCII operators. */
export function canonicalExpectation(parts: {
  observable: Pick<ObservableRef, "name" | "path" | "args">;
  op: Op;
  expected: ExpectedValue | null;
}): string {
  const head = `${canonicalObservable(parts.observable)} ${parts.op}`;
  return parts.expected === null ? head : `${head} ${canonicalValue(parts.expected)}`;
}
