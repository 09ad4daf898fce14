import { createHash, randomBytes } from "node:crypto";

/** The cookie a signed-in browser holds: an opaque random id, never a token. */
export const SESSION_COOKIE = "gonogo_session";

/** 256 random bits, URL-safe: unguessable, so the id alone is the credential. */
export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

/** What the store keeps of a session id: its sha256, so a copy of the store opens no session. */
export function hashSessionId(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}
