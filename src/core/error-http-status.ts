import type { ErrorKind } from "./errors.js";

/**
 * The HTTP status the server answers for each kind of GonogoError, with the body
 * `{ "error": { "kind", "message" } }`. A 5xx only when gonogo itself cannot serve: Flagger and
 * Argo Rollouts retry a 5xx and drop its reason, so a wrong request must never be one.
 */
export const HTTP_STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  usage: 400,
  input: 422,
  config: 422,
  "not-found": 404,
  conflict: 409,
  unavailable: 503,
  output: 500,
  unauthenticated: 401,
  forbidden: 403,
};

/** `httpStatusOf("not-found")` is 404. */
export function httpStatusOf(kind: ErrorKind): number {
  return HTTP_STATUS_BY_KIND[kind];
}
