import type { Redis } from "ioredis";

const SCAN_COUNT = 1000;

/** A Redis glob: `*`, `?`, `[...]` or an escape. Anything else names one key. */
export function isPattern(text: string): boolean {
  return /[*?[\\]/.test(text);
}

/**
 * Keys matching `pattern`, a SCAN batch at a time (never KEYS, which blocks the server), over the
 * whole keyspace: memory stays one batch whatever the size of the db. SCAN may return a key twice
 * while the table rehashes.
 */
export async function* scanBatches(client: Redis, pattern: string): AsyncGenerator<string[]> {
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", SCAN_COUNT);
    if (keys.length > 0) yield keys;
    cursor = next;
  } while (cursor !== "0");
}

/** How many keys match: DBSIZE for every key, a full SCAN for a pattern, EXISTS for one key. */
export async function countKeys(client: Redis, pattern: string): Promise<number> {
  if (pattern === "*") return client.dbsize();
  if (!isPattern(pattern)) return client.exists(pattern);
  const found = new Set<string>();
  for await (const keys of scanBatches(client, pattern)) for (const key of keys) found.add(key);
  return found.size;
}

/** PTTL of each key in milliseconds: -1 for a key without expiry, -2 for one gone since it was found. */
export async function ttlsOf(client: Redis, keys: string[]): Promise<number[]> {
  const ttls: number[] = [];
  for (let start = 0; start < keys.length; start += SCAN_COUNT) {
    const pipeline = client.pipeline();
    for (const key of keys.slice(start, start + SCAN_COUNT)) pipeline.pttl(key);
    const replies = (await pipeline.exec()) ?? [];
    for (const [error, ttl] of replies) {
      if (error) throw error;
      ttls.push(Number(ttl));
    }
  }
  return ttls;
}
