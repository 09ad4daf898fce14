import type { IncomingHttpHeaders } from "node:http";
import type { ObservableRef, Observations } from "../../core/observation.js";
import { jsonToObserved, lookupJsonPath } from "./json-path.js";

export interface PathObservations {
  observations: Observations;
  /** Why a requested `json.*` / `header.*` is absent, by ref text: the expectation will say "no value". */
  absent: Record<string, string>;
  /**
   * The `json.*` refs that could not be looked up at all (the body was cut or is not JSON), with
   * why: neither `exists` nor `!exists` can be judged on them, unlike a field the JSON lacks.
   */
  unreadable: Record<string, string>;
}

type ParsedBody = { ok: true; document: unknown } | { ok: false; reason: string };

/**
 * Values for the `json.<path>` and `header.<name>` refs the expectations name. A missing field or
 * header is left out (never 0 or ""), so an expectation on it errors instead of passing by accident.
 */
export function observePaths(
  requested: ObservableRef[],
  response: { headers: IncomingHttpHeaders; bodyText: string; truncated: boolean },
): PathObservations {
  const observations: Observations = {};
  const absent: Record<string, string> = {};
  const unreadable: Record<string, string> = {};
  let parsed: ParsedBody | undefined;
  for (const ref of requested) {
    if (ref.name === "header") {
      const name = ref.path.join(".").toLowerCase();
      const value = response.headers[name];
      if (value === undefined || name === "") absent[ref.text] = `header "${name}" was not sent`;
      else observations[ref.text] = Array.isArray(value) ? value.join(", ") : value;
    } else if (ref.name === "json") {
      parsed ??= parseBody(response.bodyText, response.truncated);
      if (!parsed.ok) {
        absent[ref.text] = parsed.reason;
        unreadable[ref.text] = parsed.reason;
        continue;
      }
      const found = lookupJsonPath(parsed.document, ref.path);
      if (found.found) observations[ref.text] = jsonToObserved(found.value);
      else absent[ref.text] = found.reason;
    }
  }
  return { observations, absent, unreadable };
}

function parseBody(text: string, truncated: boolean): ParsedBody {
  if (truncated) return { ok: false, reason: "body is not JSON: it was cut at max_body" };
  try {
    return { ok: true, document: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `body is not JSON: ${(error as Error).message}` };
  }
}
