/**
 * What went wrong, in words every caller understands; each caller maps a kind to its own answer
 * (the CLI to an exit code in `cli/exit-codes.ts`, the server to an HTTP status in
 * `error-http-status.ts`), so an error never decides how it is reported.
 *
 * - `usage`: the command line or request is wrong (a flag, an argument, two that do not go together).
 * - `input`: a document given to gonogo (checklist, report, key, evidence) is not what it should be.
 * - `config`: gonogo.yml does not load, or does not fit the checklist.
 * - `not-found`: something named does not exist (a run, a store, an item, a section, a file).
 * - `conflict`: the thing changed or already exists (a checklist edited since it was read, a key
 *   file that would be replaced, a run in a state that does not allow the action).
 * - `unavailable`: the store cannot serve: unreachable, full, locked, damaged or not migrated.
 * - `output`: a file gonogo was asked to write could not be (a full disk, no permission).
 * - `unauthenticated`: a request to the server carries no API token, or one that is not valid.
 * - `forbidden`: the request's token is valid but its role does not allow the action.
 */
export const ERROR_KINDS = [
  "usage",
  "input",
  "config",
  "not-found",
  "conflict",
  "unavailable",
  "output",
  "unauthenticated",
  "forbidden",
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * An error a user can act on. Thrown only for misuse or a broken environment; a check that fails
 * or cannot run is a result, never an exception. The message is what a person reads, `details`
 * are more lines under it, and `cause` (when made from a caught error) is the low-level error,
 * kept for a log and never printed to the user.
 *
 * @example throw new GonogoError("not-found", `${path}: cannot read it: ENOENT`, [], { cause: error })
 */
export class GonogoError extends Error {
  readonly kind: ErrorKind;
  readonly details: string[];

  constructor(kind: ErrorKind, message: string, details: string[] = [], options?: ErrorOptions) {
    super(message, options);
    this.name = "GonogoError";
    this.kind = kind;
    this.details = details;
  }
}

export function isGonogoError(error: unknown): error is GonogoError {
  return error instanceof GonogoError;
}
