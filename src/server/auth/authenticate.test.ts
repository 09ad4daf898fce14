import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_STORE_BACKENDS, type FreshStore } from "../../../test/support/store-backends.js";
import type { Store } from "../../store/index.js";
import { authenticate, authenticator } from "./authenticate.js";
import { issueToken } from "./issue-token.js";
import { type SecretHashing, scryptHashing } from "./secret-hash.js";
import { bearerToken, parseToken } from "./token-format.js";

const NOW = new Date("2026-05-01T12:00:00.000Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function elapsed(step: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await step();
  return performance.now() - start;
}

describe("parseToken and bearerToken", () => {
  it("read ggo_<8 hex>_<43 base64url> and a Bearer header, nothing else", () => {
    const secret = `${"A".repeat(40)}-_z`;
    expect(parseToken(`ggo_0123abcd_${secret}`)).toEqual({ prefix: "ggo_0123abcd", secret });
    for (const bad of [
      "",
      "ggo_0123abcd",
      `ggo_0123ABCD_${secret}`,
      `ggo_0123abcd_${secret}x`,
      `xggo_0123abcd_${secret}`,
    ])
      expect(parseToken(bad)).toBeNull();
    expect(bearerToken("Bearer ggo_x_y")).toBe("ggo_x_y");
    expect(bearerToken("bearer  ggo_x_y ")).toBe("ggo_x_y");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

for (const backend of CLI_STORE_BACKENDS)
  describe(`authenticate on ${backend.name}`, () => {
    let fresh: FreshStore;
    let store: Store;
    beforeAll(async () => {
      fresh = await backend.create();
      store = await fresh.open({ user: "ops" });
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await fresh?.drop();
    });

    it("answers a live token with its principal and notes its use; the store keeps only a salted hash", async () => {
      const { token, record } = await issueToken(
        store,
        {
          name: "approver-1",
          role: "approver",
          signoffRoles: ["Security Lead"],
          expiresAt: null,
          createdBy: "ops",
        },
        NOW,
      );
      expect(token).toMatch(/^ggo_[0-9a-f]{8}_[\w-]{43}$/);
      expect(token.startsWith(`${record.prefix}_`)).toBe(true);
      const stored = await store.findApiToken(record.prefix);
      const secret = parseToken(token)?.secret ?? "";
      expect(stored?.secretHash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      expect(stored?.secretHash).not.toContain(secret);

      const result = await authenticate(store, token, later(60_000));
      expect(result).toEqual({
        ok: true,
        principal: {
          tokenId: record.id,
          name: "approver-1",
          prefix: record.prefix,
          role: "approver",
          signoffRoles: ["Security Lead"],
          expiresAt: null,
        },
      });
      expect((await store.findApiToken(record.prefix))?.lastUsedAt).toBe(later(60_000).toISOString());
    });

    it("refuses malformed, unknown, wrong-secret, revoked and expired tokens, each for one hash and without noting a use", async () => {
      const expiring = await issueToken(
        store,
        { name: "short", role: "runner", expiresAt: later(3_600_000).toISOString(), createdBy: "ops" },
        NOW,
      );
      const revoked = await issueToken(
        store,
        { name: "gone", role: "admin", expiresAt: null, createdBy: "ops" },
        NOW,
      );
      await store.revokeApiToken("gone", { at: NOW.toISOString(), actor: "ops" });
      const wrongSecret = `${expiring.record.prefix}_${"x".repeat(43)}`;
      const unknown = `ggo_00000000_${"y".repeat(43)}`;

      const cases: [presented: string, now: Date, reason: string, message: RegExp][] = [
        ["", NOW, "malformed", /^not a gonogo API token/],
        ["Bearer nope", NOW, "malformed", /^not a gonogo API token/],
        [unknown, NOW, "unknown", /^unknown API token$/],
        [wrongSecret, NOW, "unknown", /^unknown API token$/],
        [revoked.token, NOW, "revoked", /^API token "gone" was revoked at 2026-05-01T12:00:00.000Z$/],
        [expiring.token, later(3_600_000), "expired", /^API token "short" expired at /],
        [expiring.token, later(7_200_000), "expired", /^API token "short" expired at /],
      ];
      for (const [presented, now, reason, message] of cases) {
        const hashing = countingHashing();
        const result = await authenticator({ hashing })(store, presented, now);
        expect(result, presented).toMatchObject({
          ok: false,
          reason,
          message: expect.stringMatching(message),
        });
        expect(hashing.verified, `${reason}: ${presented}`).toBe(1);
        expect(JSON.stringify(result)).not.toContain(parseToken(presented)?.secret ?? "no secret here");
      }
      expect((await store.findApiToken(expiring.record.prefix))?.lastUsedAt).toBeNull();
      expect((await store.findApiToken(revoked.record.prefix))?.lastUsedAt).toBeNull();

      const live = countingHashing();
      expect(await authenticator({ hashing: live })(store, expiring.token, later(3_599_999))).toMatchObject({
        ok: true,
      });
      expect(live.verified).toBe(1);
    });

    it("takes as long for a token that does not exist as for one that does (no timing oracle)", async () => {
      const { token } = await issueToken(
        store,
        { name: "timed", role: "viewer", expiresAt: null, createdBy: "ops" },
        NOW,
      );
      const unknown = `ggo_ffffffff_${"z".repeat(43)}`;
      const valid: number[] = [];
      const missing: number[] = [];
      const malformed: number[] = [];
      for (let i = 0; i < 5; i++) {
        valid.push(await elapsed(() => authenticate(store, token, NOW)));
        missing.push(await elapsed(() => authenticate(store, unknown, NOW)));
        malformed.push(await elapsed(() => authenticate(store, "garbage", NOW)));
      }
      // One scrypt (tens of ms) dwarfs a lookup (about 1ms): without the decoy hash these ratios
      // fall near 0.02; a loaded machine slows every path alike.
      expect(median(missing) / median(valid)).toBeGreaterThan(0.4);
      expect(median(malformed) / median(valid)).toBeGreaterThan(0.4);
    });

    it("issues only well-formed requests: a name, sign-off roles only for approvers and admins, an expiry ahead", async () => {
      const request = { name: "ok", role: "runner" as const, expiresAt: null, createdBy: "ops" };
      await expect(issueToken(store, { ...request, name: "has space" }, NOW)).rejects.toMatchObject({
        kind: "usage",
      });
      await expect(issueToken(store, { ...request, signoffRoles: ["Security Lead"] }, NOW)).rejects.toThrow(
        "a runner token cannot carry sign-off roles",
      );
      await expect(issueToken(store, { ...request, expiresAt: NOW.toISOString() }, NOW)).rejects.toThrow(
        "is already past",
      );
      const roles = await issueToken(
        store,
        {
          ...request,
          name: "roles",
          role: "admin",
          signoffRoles: [" Security  Lead ", "security lead", "CTO"],
        },
        NOW,
      );
      expect(roles.record.signoffRoles).toEqual(["Security Lead", "CTO"]);
      await issueToken(store, request, NOW);
      await expect(issueToken(store, request, NOW)).rejects.toMatchObject({ kind: "conflict" });
      expect(JSON.stringify(await store.listAudit())).not.toMatch(/scrypt\$|ggo_[0-9a-f]{8}_/);
    });
  });
