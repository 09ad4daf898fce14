import { describe, expect, it } from "vitest";
import redisProbe from "./index.js";
import { resolveRedis } from "./redis-url.js";

const ctx = (url?: string) => ({ targets: { cache: { name: "cache", ...(url !== undefined && { url }) } } });

describe("redis target", () => {
  it("reads host, port, credentials and db from the URL; the config's db wins", () => {
    expect(resolveRedis("cache", undefined, ctx("redis://app:s%3Acret@cache.internal:6380/2"))).toEqual({
      host: "cache.internal",
      port: 6380,
      tls: false,
      username: "app",
      password: "s:cret",
      db: 2,
      label: "cache (redis://app:****@cache.internal:6380/2)",
      secrets: ["s%3Acret", "s:cret"],
    });
    expect(resolveRedis("cache", 5, ctx("rediss://[::1]"))).toMatchObject({
      host: "::1",
      port: 6379,
      tls: true,
      db: 5,
    });
    expect(resolveRedis("cache", undefined, ctx("redis://:pw@h"))).toMatchObject({
      username: undefined,
      password: "pw",
    });
  });

  it("throws config errors for a missing target, another scheme, a path that is not a db index", () => {
    expect(() => resolveRedis("nope", undefined, ctx("redis://h"))).toThrow('redis: unknown target "nope"');
    expect(() => resolveRedis("cache", undefined, ctx())).toThrow('redis: target "cache" has no url');
    expect(() => resolveRedis("cache", undefined, ctx("http://u:pw@h"))).toThrow(
      'redis: target "cache" has url http://u:****@h/, not a redis:// or rediss:// URL',
    );
    expect(() => resolveRedis("cache", undefined, ctx("redis://h/cache"))).toThrow(
      '"/cache" is not a database index',
    );
  });

  it("validates the probe block", () => {
    const parse = (config: unknown) => redisProbe.configSchema.safeParse(config);
    expect(parse({ target: "cache" }).data).toEqual({ target: "cache" });
    expect(parse({ target: "cache", db: 15, sample: 10 }).success).toBe(true);
    expect(parse({ target: "cache", db: -1 }).success).toBe(false);
    expect(parse({ target: "cache", keys: "*" }).success).toBe(false);
  });
});
