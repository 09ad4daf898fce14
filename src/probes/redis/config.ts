import { z } from "zod";

export const redisConfigSchema = z.strictObject({
  /** A target whose `url` is `redis://[user:password@]host[:port][/db]` or `rediss://` for TLS. */
  target: z.string().min(1),
  /** Database index; overrides the one in the URL's path. */
  db: z.int().min(0).optional(),
  /** How many keys `ttl(<pattern>)` looks at, at most (found with SCAN, never KEYS). */
  sample: z.int().min(1).max(1_000_000).default(1000),
});

export type RedisConfig = z.output<typeof redisConfigSchema>;
