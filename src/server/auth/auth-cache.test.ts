import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../store/index.js";
import { authCache, cacheKey } from "./auth-cache.js";
import { authenticator } from "./authenticate.js";
import { issueToken } from "./issue-token.js";
import { type SecretHashing, scryptHashing } from "./secret-hash.js";

const NOW = new Date("2026-05-01T12:00:00.000Z");

/** The real scrypt, counting the hashes it is asked for. */
function countingHashing(): SecretHashing & { verified: number } {
  const counted = {
    verified: 0,
    hash: scryptHashing.hash,
    async verify(secret: string, stored: string) {
      counted.verified += 1;
      return scryptHashing.verify(secret, stored);
    },
  };
  return counted;
}

describe("authCache", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({
      store: join(mkdtempSync(join(tmpdir(), "gonogo-auth-cache-")), "runs.db"),
      env: { GONOGO_USER: "tester" },
    });
  });
  afterAll(() => store?.close());

  const issue = async (name: string, expiresAt: string | null = null) =>
    (await issueToken(store, { name, role: "viewer", signoffRoles: [], expiresAt, createdBy: "tester" }, NOW))
      .token;

  it("hashes once per TTL for a token, concurrent requests included, and keys on its SHA-256, never the token", async () => {
    const token = await issue("ci");
    const hashing = countingHashing();
    let clock = 0;
    const cache = authCache({ ttlMs: 5000, clock: () => clock, authenticate: authenticator({ hashing }) });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => cache.authenticate(store, token, NOW)),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(hashing.verified).toBe(1);
    clock = 4999;
    expect((await cache.authenticate(store, token, NOW)).ok).toBe(true);
    expect(hashing.verified).toBe(1);
    // Past the TTL the row is read again, not hashed again, and its last use noted.
    clock = 5000;
    const later = new Date(NOW.getTime() + 5000);
    expect((await cache.authenticate(store, token, later)).ok).toBe(true);
    expect(hashing.verified).toBe(1);
    const prefix = token.slice(0, "ggo_01234567".length);
    expect((await store.findApiToken(prefix))?.lastUsedAt).toBe(later.toISOString());

    const secret = token.slice("ggo_01234567_".length);
    expect(cache.keys()).toEqual([cacheKey(token)]);
    for (const key of cache.keys()) {
      expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(key).not.toContain(token);
      expect(key).not.toContain(secret);
      expect(key).not.toContain(token.slice(0, 12));
    }
  });

  it("refuses a token revoked elsewhere once the TTL has passed, and at once after forgetAll", async () => {
    const token = await issue("revoked-later");
    let clock = 0;
    const cache = authCache({ ttlMs: 5000, clock: () => clock });
    expect((await cache.authenticate(store, token, NOW)).ok).toBe(true);
    await store.revokeApiToken("revoked-later", { at: NOW.toISOString(), actor: "tester" });
    clock = 2000;
    // Within the TTL this process still trusts what it saw (the documented window).
    expect((await cache.authenticate(store, token, NOW)).ok).toBe(true);
    expect(cache.remembered(token, NOW)?.ok).toBe(true);
    clock = 5001;
    // Past it, the fast path has nothing to say: the full check runs and finds the revocation.
    expect(cache.remembered(token, NOW)).toBeUndefined();
    expect(await cache.authenticate(store, token, NOW)).toMatchObject({ ok: false, reason: "revoked" });
    expect(cache.remembered(token, NOW)).toBeUndefined();

    const other = await issue("revoked-here");
    expect((await cache.authenticate(store, other, NOW)).ok).toBe(true);
    await store.revokeApiToken("revoked-here", { at: NOW.toISOString(), actor: "tester" });
    cache.forgetAll();
    expect(cache.remembered(other, NOW)).toBeUndefined();
    expect(await cache.authenticate(store, other, NOW)).toMatchObject({ ok: false, reason: "revoked" });
  });

  it("never serves a token past its expiry from the cache, and never remembers a failure", async () => {
    const expiresAt = new Date(NOW.getTime() + 1000).toISOString();
    const token = await issue("short", expiresAt);
    const hashing = countingHashing();
    const cache = authCache({ ttlMs: 60_000, clock: () => 0, authenticate: authenticator({ hashing }) });
    expect((await cache.authenticate(store, token, NOW)).ok).toBe(true);
    const later = new Date(NOW.getTime() + 1000);
    expect(cache.remembered(token, NOW)?.ok).toBe(true);
    expect(cache.remembered(token, later)).toMatchObject({ ok: false, reason: "expired" });
    expect(await cache.authenticate(store, token, later)).toMatchObject({ ok: false, reason: "expired" });

    const wrong = `${token.slice(0, -4)}AAAA`;
    const before = hashing.verified;
    for (let i = 0; i < 3; i++) expect((await cache.authenticate(store, wrong, NOW)).ok).toBe(false);
    expect(hashing.verified - before).toBe(3);
    expect(cache.holds(wrong)).toBe(false);
    expect(cache.holds(token)).toBe(true);
  });
});
