import type { Redis } from "ioredis";
import type { Quantity } from "../../core/observation.js";
import { isPattern, scanBatches, ttlsOf } from "./scan-keys.js";

/**
 * The TTL reported for a key that never expires: an infinite duration, which the expectation
 * language reads as "never" (`ttl(session:*) <= 30m` fails, `> 1h` holds). Evidence names the keys.
 */
export const NO_EXPIRY_MS = Number.POSITIVE_INFINITY;

const EVIDENCE_KEYS = 10;

export interface TtlEvidence {
  /** Keys whose TTL was read (every matching key, unless `sample` stopped the scan). */
  sampled: number;
  /** Whether SCAN walked the whole keyspace, so no matching key was left out. */
  complete: boolean;
  /** Up to 10 of the keys read that never expire. */
  noExpiry: string[];
}

export type TtlObservation =
  | { value: Quantity; evidence: TtlEvidence }
  | { value: null; absent: string; evidence: TtlEvidence }
  /** More keys match than `sample` lets it read: no TTL can be said for the pattern. */
  | { value: null; unreadable: string; evidence: TtlEvidence };

/** What the keys read so far show. */
class TtlTally {
  read = 0;
  largest = 0;
  readonly noExpiry: string[] = [];
  neverExpires = false;

  add(keys: string[], ttls: number[]): void {
    keys.forEach((key, index) => {
      const ttl = ttls[index] ?? -2;
      if (ttl === -2) return; // gone since SCAN found it
      this.read++;
      if (ttl !== -1) this.largest = Math.max(this.largest, ttl);
      else {
        this.neverExpires = true;
        if (this.noExpiry.length < EVIDENCE_KEYS && !this.noExpiry.includes(key)) this.noExpiry.push(key);
      }
    });
  }

  evidence(complete: boolean): TtlEvidence {
    return { sampled: this.read, complete, noExpiry: this.noExpiry };
  }
}

/**
 * `ttl(session:*)`: the largest TTL among **every** key matching the pattern, so the one key that
 * never expires (or expires too late) is what the expectation sees, wherever SCAN finds it. A TTL
 * judged on some of the keys proves nothing about the rest: when more keys match than `sample`
 * allows, the pattern has no TTL (and the expectation is an error saying so), never the largest of
 * a sample. The check's timeout bounds the scan. `ttl(user:42)`: that key's TTL.
 */
export async function observeTtl(
  client: Redis,
  pattern: string,
  sample: number | undefined,
): Promise<TtlObservation> {
  const tally = new TtlTally();
  const batches = isPattern(pattern) ? scanBatches(client, pattern) : oneKey(pattern);
  for await (const keys of batches) {
    if (sample !== undefined && tally.read + keys.length > sample) {
      const unreadable = `more than ${sample} keys match ${pattern}, and sample: ${sample} stops the scan there`;
      return { value: null, unreadable, evidence: tally.evidence(false) };
    }
    tally.add(keys, await ttlsOf(client, keys));
  }
  if (tally.read === 0) {
    const absent = isPattern(pattern) ? `no key matches ${pattern}` : `no key ${pattern}`;
    return { value: null, absent, evidence: tally.evidence(true) };
  }
  const largest = tally.neverExpires ? NO_EXPIRY_MS : tally.largest;
  return { value: { value: largest, unit: "ms" }, evidence: tally.evidence(true) };
}

async function* oneKey(key: string): AsyncGenerator<string[]> {
  yield [key];
}
