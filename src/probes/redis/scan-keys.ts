import type { Redis } from "ioredis";

const SCAN_COUNT = 1000;

/** A Redis glob: `*`, `?`, `[...]` or an escape. Anything else names one key. */
export function isPattern(text: string): boolean {
  return /[*?[\\]/.test(text);
}

/**
 * Keys matching `pattern`, found with SCAN (never KEYS, which blocks the server), stopping once
 * `limit` are found. `complete` says whether the whole keyspace was walked.
 */
export async function scanKeys(
  client: Redis,
  pattern: string,
  limit = Number.POSITIVE_INFINITY,
): Promise<{ keys: string[]; complete: boolean }> {
  const found = new Set<string>(); // SCAN may return a key twice while the table rehashes
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", SCAN_COUNT);
    for (const key of keys) if (found.size < limit) found.add(key);
    cursor = next;
  } while (cursor !== "0" && found.size < limit);
  return { keys: [...found], complete: cursor === "0" };
}

/** How many keys match: DBSIZE for every key, a full SCAN for a pattern, EXISTS for one key. */
export async function countKeys(client: Redis, pattern: string): Promise<number> {
  if (pattern === "*") return client.dbsize();
  if (!isPattern(pattern)) return client.exists(pattern);
  return (await scanKeys(client, pattern)).keys.length;
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
