import type { PartialObservations } from "../../core/observation.js";
import { formatLimit } from "../shared/size-schema.js";
import type { CappedBody } from "./read-capped-body.js";

// Measured on what was read, so a body cut at max_body makes each a floor of the whole:
// `secrets == 0` or `size < 10MB` must not pass on the first megabyte alone.
const COUNTED_ON_BODY = ["size", "latency", "secrets"] as const;

/**
 * What a response read in part leaves unknown: the body cut at `max_body` is its start only, the
 * counts made on it are floors, and a `json.*` field cannot be looked up in a cut body or one
 * that is not JSON (so even `json.debug !exists` cannot be judged). Fields JSON simply lacks are
 * not here: they are absent, and `!exists` holds.
 */
export function partialObservations(
  body: CappedBody,
  maxBody: number,
  unreadable: Record<string, string>,
): PartialObservations {
  const partial: PartialObservations = {};
  const cut = {
    limit: `the body was cut at max_body (${formatLimit(maxBody)})`,
    raise: "raise max_body in the check's http block to read it all",
  };
  for (const [ref, reason] of Object.entries(unreadable)) {
    partial[ref] = body.truncated ? { part: "unknown", ...cut } : { part: "unknown", limit: reason };
  }
  if (!body.truncated) return partial;
  partial.body = { part: "head", ...cut };
  for (const name of COUNTED_ON_BODY) partial[name] = { part: "at-least", ...cut };
  return partial;
}
