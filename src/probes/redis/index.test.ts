import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, dbContext, REDIS_URL, uniqueName } from "../../../test/support/db-context.js";
import { listenLocally } from "../../../test/support/local-server.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import type { Observations, PartialObservations } from "../../core/observation.js";
import { evaluateExpectation, parseExpectation } from "../../expect/index.js";
import redisProbe from "./index.js";
import { NO_EXPIRY_MS } from "./observe-ttl.js";
import { run as runRedis } from "./runner.js";

const DB = 15;
const prefix = uniqueName();
const admin = new Redis(`${REDIS_URL}/${DB}`);

beforeAll(async () => {
  await admin
    .multi()
    .set(`${prefix}:session:1`, "a", "EX", 600)
    .set(`${prefix}:session:2`, "b", "PX", 1_200_000)
    .set(`${prefix}:cart:1`, "c", "EX", 100)
    .set(`${prefix}:cart:2`, "forgotten")
    .set(`${prefix}:plain`, "d")
    .exec();
});
afterAll(async () => {
  const keys = await admin.keys(`${prefix}:*`); // fine in a test: a handful of keys on db 15
  if (keys.length > 0) await admin.del(...keys);
  admin.disconnect();
});

async function probe(
  requested: string[],
  options: { url?: string; config?: object; timeoutMs?: number } = {},
) {
  const url = options.url ?? `${REDIS_URL}/${DB}`;
  const ctx = dbContext({ targets: { cache: { url } }, requested, timeoutMs: options.timeoutMs ?? 5000 });
  return runRedis(redisProbe.configSchema.parse({ target: "cache", ...options.config }), ctx);
}

/** The expectation judged as the engine judges it. */
function judge(text: string, observations: Observations, partial: PartialObservations = {}) {
  const parsed = parseExpectation(text);
  if (!parsed.ok) throw new Error(parsed.error.pretty);
  return evaluateExpectation(parsed.expectation, observations, { partial });
}

describe("redis probe", () => {
  it("pings and reads INFO: numbers as numbers, keyspace parts, sections beyond the default", async () => {
    const fields = [
      "info.connected_clients",
      "info.role",
      `info.db${DB}.keys`,
      "info.cmdstat_ping.calls",
      "info.nope",
    ];
    const result = await probe(fields);
    expect(result.error).toBeUndefined();
    const seen = result.observations;
    expect(seen).toMatchObject({
      ping: true,
      latency: { unit: "ms" },
      memory_used: { unit: "B" },
      "info.role": "master",
    });
    expect(seen["info.connected_clients"]).toBeGreaterThanOrEqual(1);
    expect(seen[`info.db${DB}.keys`]).toBeGreaterThanOrEqual(5);
    expect(seen["info.cmdstat_ping.calls"]).toBeGreaterThanOrEqual(1);
    expect(seen["info.nope"]).toBeNull();
    expect(result.evidence).toMatchObject({
      target: `cache (${REDIS_URL}/${DB})`,
      db: DB,
      absent: { "info.nope": "INFO has no field nope" },
    });
    expect(judge("memory_used < 1TB", seen)).toMatchObject({ ok: true });
  });

  it("reports the hit rate of keyspace lookups", async () => {
    await admin.get(`${prefix}:plain`);
    await admin.get(`${prefix}:missing`);
    const stats = async () => {
      const info = await admin.info("stats");
      const read = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1]);
      return { hits: read("keyspace_hits"), misses: read("keyspace_misses") };
    };
    const before = await stats();
    const result = await probe(["hit_rate"]);
    const after = await stats();
    // INFO is server-wide and others may use the server: the rate lies between the two readings' extremes.
    const rate = result.observations.hit_rate as number;
    expect(rate).toBeGreaterThanOrEqual(before.hits / (before.hits + after.misses));
    expect(rate).toBeLessThanOrEqual(after.hits / (after.hits + before.misses));
  });

  it("reports the largest TTL among keys matching a pattern, or of one key", async () => {
    const session = `ttl(${prefix}:session:*)`;
    const one = `ttl(${prefix}:cart:1)`;
    const result = await probe([session, one]);
    const seen = result.observations;
    expect((seen[session] as { value: number }).value).toBeGreaterThan(1_190_000);
    expect((seen[session] as { value: number }).value).toBeLessThanOrEqual(1_200_000);
    expect((seen[one] as { value: number }).value).toBeLessThanOrEqual(100_000);
    expect(judge(`${session} <= 30m`, seen)).toMatchObject({
      ok: true,
      actual: expect.stringMatching(/^(19\.\d+|20)m$/),
    });
    expect(result.evidence).toMatchObject({
      ttl: { [session]: { sampled: 2, complete: true, noExpiry: [] } },
    });
  });

  it("fails `ttl(pattern) <= 30m` when one sampled key never expires", async () => {
    const carts = `ttl(${prefix}:cart:*)`;
    const result = await probe([carts]);
    expect(result.observations[carts]).toEqual({ value: NO_EXPIRY_MS, unit: "ms" });
    expect(judge(`${carts} <= 30m`, result.observations)).toMatchObject({ ok: false });
    expect(judge(`${carts} <= 30m`, result.observations).error).toBeUndefined();
    expect(judge(`${carts} > 1h`, result.observations)).toMatchObject({ ok: true });
    expect(result.evidence).toMatchObject({
      ttl: { [carts]: { sampled: 2, noExpiry: [`${prefix}:cart:2`] } },
    });
  });

  it("has no TTL for a pattern that matches nothing", async () => {
    const none = `ttl(${prefix}:none:*)`;
    const result = await probe([none, `ttl(${prefix}:gone)`]);
    expect(result.observations).toMatchObject({ [none]: null, [`ttl(${prefix}:gone)`]: null });
    expect(result.evidence).toMatchObject({
      absent: { [none]: `no key matches ${prefix}:none:*`, [`ttl(${prefix}:gone)`]: `no key ${prefix}:gone` },
    });
    expect(judge(`${none} <= 30m`, result.observations).error).toMatch(/^no value for ttl/);
  });

  describe("a pattern matching more keys than one SCAN batch", () => {
    const bulk = `${prefix}:bulk`;
    let forgotten = "";
    beforeAll(async () => {
      const write = admin.pipeline();
      for (let i = 0; i < 2500; i++) write.set(`${bulk}:${i}`, "v", "EX", 600);
      await write.exec();
      // The key SCAN reaches last loses its TTL: a judgment on the first keys found would miss it.
      let cursor = "0";
      do {
        const [next, keys] = await admin.scan(cursor, "MATCH", `${bulk}:*`, "COUNT", 1000);
        forgotten = keys.at(-1) ?? forgotten;
        cursor = next;
      } while (cursor !== "0");
      await admin.persist(forgotten);
    });

    it("reads every matching key, so the one that never expires fails `<= 30m` wherever it is", async () => {
      const ttl = `ttl(${bulk}:*)`;
      const result = await probe([ttl]);
      expect(result.error).toBeUndefined();
      expect(judge(`${ttl} <= 30m`, result.observations, result.partial)).toEqual({
        expr: `${ttl} <= 30m`,
        ok: false,
        actual: "never",
      });
      expect(result.evidence).toMatchObject({
        ttl: { [ttl]: { sampled: 2500, complete: true, noExpiry: [forgotten] } },
      });
    });

    it("is an error, not a judgment on some keys, when more keys match than `sample`", async () => {
      const ttl = `ttl(${bulk}:*)`;
      const result = await probe([ttl], { config: { sample: 1000 } });
      expect(result.observations[ttl]).toBeNull();
      expect(result.evidence).toMatchObject({ ttl: { [ttl]: { complete: false } } });
      expect(judge(`${ttl} <= 30m`, result.observations, result.partial)).toMatchObject({
        ok: false,
        error: `cannot judge ${ttl} <= 30m: ${ttl} could not be read (more than 1000 keys match ${bulk}:*, and sample: 1000 stops the scan there); raise sample in the check's redis block, or leave it out to read every key`,
      });
    });
  });

  it("counts keys matching a pattern, one key, or the whole db; the db may come from the config", async () => {
    const names = [`keys(${prefix}:*)`, `keys(${prefix}:none*)`, `keys(${prefix}:plain)`, "keys"];
    const result = await probe(names, { url: `${REDIS_URL}/0`, config: { db: DB } });
    expect(result.observations).toMatchObject({
      [names[0] as string]: 2505,
      [names[1] as string]: 0,
      [names[2] as string]: 1,
    });
    expect(result.observations.keys).toBeGreaterThanOrEqual(5);
    expect(result.evidence).toMatchObject({ db: DB });
  });

  it("names a down server, a silent one, and a database index out of range", async () => {
    const port = await closedPort();
    const down = await probe(["ping"], { url: `redis://:Pa55-down@127.0.0.1:${port}` });
    expect(down.error).toBe(`cache (redis://:****@127.0.0.1:${port}): connection refused`);
    expect(JSON.stringify(down)).not.toContain("Pa55-down");
    const silent = await listenLocally(
      createServer((socket) => socket.resume()),
      "redis",
    );
    const started = performance.now();
    const hung = await probe(["ping"], { url: silent.url, timeoutMs: 500 });
    expect(hung.error).toBe(`cache (${silent.url}): timed out after 500ms`);
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
    await silent.close();
    const range = await probe(["ping"], { url: `${REDIS_URL}/99` });
    expect(range.error).toBe(
      `cache (${REDIS_URL}/99): cannot select the database (ERR DB index is out of range)`,
    );
  });

  it("rejects a password the server does not have, without showing it", async () => {
    const result = await probe(["ping"], { url: "redis://:Secr3t-Pa55@127.0.0.1:6379/15" });
    expect(result.error).toMatch(
      /^cache \(redis:\/\/:\*\*\*\*@127\.0\.0\.1:6379\/15\): authentication failed: the server has no password, but the URL gives one/,
    );
    expect(JSON.stringify(result)).not.toContain("Secr3t-Pa55");
  });
});
