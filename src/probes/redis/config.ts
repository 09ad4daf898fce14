import { z } from "zod";

export const redisConfigSchema = z.strictObject({
  /** A target whose `url` is `redis://[user:password@]host[:port][/db]` or `rediss://` for TLS. */
  target: z.string().min(1),
  /** Database index; overrides the one in the URL's path. */
  db: z.int().min(0).optional(),
  /**
   * The most keys `ttl(<pattern>)` may read (found with SCAN, never KEYS); when more match, its TTL
   * is unknown and the expectation an error. Left out: every matching key, within the timeout.
   */
  sample: z.int().min(1).optional(),
});

export type RedisConfig = z.output<typeof redisConfigSchema>;
