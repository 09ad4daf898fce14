import { hash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Store } from "../../store/index.js";
import { type AuthResult, authenticate as authenticateOnce } from "./authenticate.js";

/** How long a successful authentication is trusted without hashing again. */
export const AUTH_CACHE_TTL_MS = 5_000;
/** Tokens remembered at once; the least recently used is forgotten first. */
const MAX_ENTRIES = 10_000;

export interface AuthCacheOptions {
  ttlMs?: number;
  /** The clock the TTL is measured on (a test moves it); `Date.now` by default. */
  clock?: () => number;
  /** The uncached check (scrypt, one hash); the real `authenticate` by default. */
  authenticate?: typeof authenticateOnce;
}

interface Entry {
  /** The answer, or the check in flight: concurrent requests with one token share one hash. */
  result: Promise<AuthResult>;
  cachedAt: number;
  /** Set once the check succeeded. */
  settledOk?: boolean;
  /** The successful answer, once settled: a hit is read without awaiting `result`. */
  settled?: AuthResult;
}

/**
 * `authenticate` with a short memory of successes, so a client sending its token on every request
 * pays one scrypt hash (~35 ms) per TTL instead of one per request. Keyed by the SHA-256 of the
 * presented token, never the token: a heap dump shows no usable secret (the token is 256 random
 * bits, so an unsalted fast hash of it cannot be guessed back). Failures are never remembered:
 * each costs its hash, and the failure budget (`auth-failures.ts`) limits how many an address gets.
 *
 * Past the TTL a token already verified is not hashed again: its row is read again (one indexed
 * query), and a revoked or changed row sends it through the full check, which says why it fails.
 *
 * Revocation: another process (`gonogo token revoke`, a second server) revokes in the store, and
 * this process keeps accepting the token for at most `ttlMs`; `forgetAll()` makes it immediate in
 * the process that revoked. Expiry is checked on every hit, so an expired token is never served.
 * The token's last use is written on each check or re-read, so at most once per TTL per process.
 */
export function authCache(options: AuthCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? AUTH_CACHE_TTL_MS;
  const clock = options.clock ?? Date.now;
  const check = options.authenticate ?? authenticateOnce;
  const entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES });

  async function authenticate(store: Store, presented: string, now: Date): Promise<AuthResult> {
    const key = cacheKey(presented);
    const cached = entries.get(key);
    if (cached && clock() - cached.cachedAt < ttlMs) return unexpired(await cached.result, now);
    // Past the TTL, a token this process has verified is read again from the store (revoked?
    // expired?) rather than hashed again: its secret was checked against the same row.
    const result = cached?.settledOk
      ? revalidate(store, cached, presented, now)
      : check(store, presented, now);
    const entry: Entry = { result, cachedAt: clock() };
    entries.set(key, entry);
    const settled = await result.catch((error: unknown) => {
      forget(key, entry);
      throw error;
    });
    if (settled.ok) {
      entry.settledOk = true;
      entry.settled = settled;
    } else forget(key, entry);
    return settled;
  }

  async function revalidate(store: Store, seen: Entry, presented: string, now: Date): Promise<AuthResult> {
    const before = await seen.result;
    if (!before.ok) return check(store, presented, now);
    const row = await store.findApiToken(before.principal.prefix);
    if (!row || row.id !== before.principal.tokenId || row.revokedAt !== null)
      return check(store, presented, now);
    await store.touchApiToken(row.id, now.toISOString());
    return unexpired({ ok: true, principal: { ...before.principal, expiresAt: row.expiresAt } }, now);
  }

  function forget(key: string, entry: Entry): void {
    if (entries.get(key) === entry) entries.delete(key);
  }

  /** The remembered answer for `presented` when it authenticated within the TTL, else undefined. */
  function remembered(presented: string, now: Date): AuthResult | undefined {
    const cached = entries.get(cacheKey(presented));
    if (cached?.settled === undefined || clock() - cached.cachedAt >= ttlMs) return undefined;
    return unexpired(cached.settled, now);
  }

  return {
    authenticate,
    /**
     * `authenticate`'s answer without waiting, when `presented` authenticated within the TTL
     * (expiry checked now); undefined when it needs the full check. A polled endpoint's fast path:
     * one hash of the token, no promise.
     */
    remembered,
    /** True when `presented` authenticated within the TTL (so it need not wait for a failure budget). */
    holds(presented: string): boolean {
      const cached = entries.get(cacheKey(presented));
      return cached !== undefined && clock() - cached.cachedAt < ttlMs && cached.settledOk === true;
    },
    /**
     * True when `presented` authenticated in this process before, however long ago (while the
     * cache remembers it): checking it again costs a store read, not a hash, unless it was revoked.
     */
    verifiedBefore(presented: string): boolean {
      return entries.get(cacheKey(presented))?.settledOk === true;
    },
    /** Forgets every remembered token: a revocation made by this process applies at once. */
    forgetAll: () => entries.clear(),
    /** The keys held, for a test to see that none is a token. */
    keys: () => [...entries.keys()],
  };
}

export type AuthCache = ReturnType<typeof authCache>;

/** `sha256:<hex>` of the presented token: what the cache is keyed by. */
export function cacheKey(presented: string): string {
  // The one-shot hash: no Hash object per request (a polled gate asks this on every request).
  return `sha256:${hash("sha256", presented, "hex")}`;
}

function unexpired(result: AuthResult, now: Date): AuthResult {
  if (!result.ok) return result;
  const { expiresAt } = result.principal;
  if (expiresAt !== null && expiresAt !== undefined && Date.parse(expiresAt) <= now.getTime())
    return {
      ok: false,
      reason: "expired",
      message: `API token "${result.principal.name}" expired at ${expiresAt}`,
    };
  return result;
}
