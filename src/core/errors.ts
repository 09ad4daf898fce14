/**
 * Errors a user can act on. Thrown only for misuse (bad input, bad config, bad usage); a check that
 * fails or cannot run is a result, never an exception. The CLI's top-level handler prints
 * `message` (and `details`, one per line) and exits with `exitCode`; anything else is a bug and
 * gets a stack trace.
 */
/** `output`: a file gonogo was asked to write could not be (a full disk, no permission). */
export type ErrorCode = "input" | "config" | "usage" | "write-conflict" | "output";

export class GonogoError extends Error {
  readonly code: ErrorCode;
  readonly details: string[];
  readonly exitCode = 2;

  constructor(code: ErrorCode, message: string, details: string[] = []) {
    super(message);
    this.name = "GonogoError";
    this.code = code;
    this.details = details;
  }
}

export function isGonogoError(error: unknown): error is GonogoError {
  return error instanceof GonogoError;
}
