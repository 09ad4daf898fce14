import type { ErrorKind } from "../core/errors.js";

/**
 * The exit code for each kind of GonogoError (README: 0 GO or success, 1 NO-GO, 2 usage,
 * config or input error). Every kind is 2: 1 would read as NO-GO to a pipeline, and a script
 * needs "gonogo could not decide" to stay one code. The server maps the same kinds to HTTP
 * statuses in `core/error-http-status.ts`.
 */
export const EXIT_CODE_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  usage: 2,
  input: 2,
  config: 2,
  "not-found": 2,
  conflict: 2,
  unavailable: 2,
  output: 2,
  unauthenticated: 2,
  forbidden: 2,
};

/** Any failure that is not a GonogoError (a bug): 2 as well, never 1, which would read as NO-GO. */
export const EXIT_CODE_INTERNAL_ERROR = 2;

/** A usage error commander reports itself (an unknown option, a missing argument). */
export const EXIT_CODE_USAGE = EXIT_CODE_BY_KIND.usage;

export function exitCodeOf(kind: ErrorKind): number {
  return EXIT_CODE_BY_KIND[kind];
}
