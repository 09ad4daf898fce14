import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbContext } from "../../../test/support/db-context.js";
import { type OwnRedis, startRedisServer } from "../../../test/support/db-redis-server.js";
import redisProbe from "./index.js";
import { run as runRedis } from "./runner.js";

// A server of its own: fresh statistics, and a password, which the shared server must not be given.
let server: OwnRedis;
beforeAll(async () => {
  server = await startRedisServer(["--requirepass", "right-password"], "right-password");
});
afterAll(async () => {
  await server.stop();
});

async function probe(url: string, requested: string[]) {
  const ctx = dbContext({ targets: { cache: { url } }, requested });
  return runRedis(redisProbe.configSchema.parse({ target: "cache" }), ctx);
}

describe("redis probe on a server of its own", () => {
  it("has no hit rate before the first lookup, rather than 0 or 1", async () => {
    const result = await probe(`redis://:right-password@127.0.0.1:${server.port}`, ["hit_rate"]);
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({ ping: true, hit_rate: null });
    expect(result.evidence).toMatchObject({ absent: { hit_rate: "no keyspace lookups yet" } });
  });

  it("names a wrong password and a missing one, never showing the password", async () => {
    const wrong = await probe(`redis://:Wr0ng-Pa55@127.0.0.1:${server.port}`, ["ping"]);
    expect(wrong.error).toBe(
      `cache (redis://:****@127.0.0.1:${server.port}): authentication failed (WRONGPASS invalid username-password pair or user is disabled.)`,
    );
    expect(JSON.stringify(wrong)).not.toContain("Wr0ng-Pa55");
    const user = await probe(`redis://nobody:Wr0ng-Pa55@127.0.0.1:${server.port}`, ["ping"]);
    expect(user.error).toMatch(/^cache \(redis:\/\/nobody:\*\*\*\*@.*\): authentication failed \(WRONGPASS/);
    const none = await probe(`redis://127.0.0.1:${server.port}`, ["ping"]);
    expect(none.error).toMatch(
      /authentication required: the server wants a password the URL does not give \(NOAUTH/,
    );
  });
});
