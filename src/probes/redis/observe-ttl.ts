import type { Redis } from "ioredis";
import type { Quantity } from "../types.js";
import { isPattern, scanKeys, ttlsOf } from "./scan-keys.js";

/**
 * The TTL reported for a key that never expires: an infinite duration, which the expectation
 * language reads as "never" (`ttl(session:*) <= 30m` fails, `> 1h` holds). Evidence names the keys.
 */
export const NO_EXPIRY_MS = Number.POSITIVE_INFINITY;

const EVIDENCE_KEYS = 10;

export interface TtlEvidence {
  /** Keys whose TTL was read (a pattern stops at `sample`). */
  sampled: number;
  /** Whether SCAN walked the whole keyspace, so no matching key was left out. */
  complete: boolean;
  /** Up to 10 of the sampled keys that never expire. */
  noExpiry: string[];
}

export type TtlObservation =
  | { value: Quantity; evidence: TtlEvidence }
  | { value: null; absent: string; evidence: TtlEvidence };

/**
 * `ttl(session:*)`: the largest TTL among up to `sample` keys matching the pattern, so one key that
 * never expires (or expires too late) is what the expectation sees. `ttl(user:42)`: that key's TTL.
 */
export async function observeTtl(client: Redis, pattern: string, sample: number): Promise<TtlObservation> {
  const { keys, complete } = isPattern(pattern)
    ? await scanKeys(client, pattern, sample)
    : { keys: [pattern], complete: true };
  const ttls = await ttlsOf(client, keys);
  const live = keys.flatMap((key, index) => (ttls[index] === -2 ? [] : [{ key, ttl: ttls[index] ?? -2 }]));
  const noExpiry = live.filter((entry) => entry.ttl === -1).map((entry) => entry.key);
  const evidence = { sampled: live.length, complete, noExpiry: noExpiry.slice(0, EVIDENCE_KEYS) };
  if (live.length === 0) {
    const absent = isPattern(pattern) ? `no key matches ${pattern}` : `no key ${pattern}`;
    return { value: null, absent, evidence };
  }
  const largest =
    noExpiry.length > 0 ? NO_EXPIRY_MS : live.reduce((max, entry) => Math.max(max, entry.ttl), 0);
  return { value: { value: largest, unit: "ms" }, evidence };
}
