import type { Store } from "../../store/index.js";
import type { Principal } from "./principal.js";
import { DECOY_HASH, type SecretHashing, scryptHashing } from "./secret-hash.js";
import { parseToken } from "./token-format.js";

/**
 * Why a token was refused. `malformed`: not a gonogo token at all; `unknown`: no token has that
 * prefix, or its secret is wrong (the two are one answer, so a guess learns nothing about which
 * prefixes exist); `revoked` and `expired` are told only to a caller who holds the right secret.
 */
export type AuthFailureReason = "malformed" | "unknown" | "revoked" | "expired";

export type AuthResult =
  | { ok: true; principal: Principal }
  | { ok: false; reason: AuthFailureReason; message: string };

export interface AuthenticatorOptions {
  /** scrypt by default; a test wraps it to count the hashes each answer costs. */
  hashing?: SecretHashing;
}

/**
 * `authenticate(store, presented, now)`: the principal a token stands for, or why it is refused.
 * Every answer costs exactly one hash, a malformed or unknown token included, so how long it
 * takes does not tell whether a token exists. A token that authenticates has its last use noted.
 */
export function authenticator(options: AuthenticatorOptions = {}) {
  const hashing = options.hashing ?? scryptHashing;
  return async function authenticate(store: Store, presented: string, now: Date): Promise<AuthResult> {
    const parts = parseToken(presented);
    if (!parts) {
      await hashing.verify(presented, DECOY_HASH);
      return {
        ok: false,
        reason: "malformed",
        message: "not a gonogo API token (expected ggo_<id>_<secret>)",
      };
    }
    const token = await store.findApiToken(parts.prefix);
    const matches = await hashing.verify(parts.secret, token?.secretHash ?? DECOY_HASH);
    if (!token || !matches) return { ok: false, reason: "unknown", message: "unknown API token" };
    if (token.revokedAt !== null)
      return {
        ok: false,
        reason: "revoked",
        message: `API token "${token.name}" was revoked at ${token.revokedAt}`,
      };
    if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime())
      return {
        ok: false,
        reason: "expired",
        message: `API token "${token.name}" expired at ${token.expiresAt}`,
      };
    await store.touchApiToken(token.id, now.toISOString());
    const { id: tokenId, name, prefix, role, signoffRoles, expiresAt } = token;
    return { ok: true, principal: { tokenId, name, prefix, role, signoffRoles, expiresAt } };
  };
}

export const authenticate = authenticator();
