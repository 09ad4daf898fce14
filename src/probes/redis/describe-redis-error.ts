import { createRedactor } from "../../redact/create-redactor.js";
import type { Deadline } from "../shared/deadline.js";
import { describeNetworkError } from "../shared/network-error.js";

const redactWith = (text: string, secrets: string[]): string => createRedactor(secrets, "****")(text);

/** Redis error replies by their first words, with what they mean for the check. */
const REPLIES: [RegExp, string][] = [
  [/^WRONGPASS/, "authentication failed"],
  [
    /without any password configured|no password is set/,
    "authentication failed: the server has no password, but the URL gives one",
  ],
  [/^NOAUTH/, "authentication required: the server wants a password the URL does not give"],
  [/DB index is out of range/, "cannot select the database"],
  [/^NOPERM/, "permission denied"],
];

/**
 * The cause of a failed run in words, secrets masked: "connection refused", "timed out after 2s",
 * "authentication failed: WRONGPASS invalid username-password pair or user is disabled."
 */
export function describeRedisError(error: unknown, deadline: Deadline, secrets: string[]): string {
  return redactWith(describe(error, deadline), secrets);
}

function describe(error: unknown, deadline: Deadline): string {
  if (deadline.signal.aborted) return deadline.reason();
  const message = error instanceof Error ? error.message : String(error);
  const reply = REPLIES.find(([pattern]) => pattern.test(message));
  if (reply !== undefined) return `${reply[1]} (${message})`;
  return describeNetworkError(error, deadline);
}
