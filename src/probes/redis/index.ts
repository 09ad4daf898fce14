import type { Probe } from "../types.js";
import { type RedisConfig, redisConfigSchema } from "./config.js";
import { redisObservables } from "./observables.js";
import { resolveRedis } from "./redis-url.js";

/** `redis:` — PING and INFO, and the TTLs and counts of keys found with SCAN. */
const redisProbe: Probe<RedisConfig> = {
  name: "redis",
  targetNeeds: "url",
  configSchema: redisConfigSchema,
  observables: redisObservables,
  checkTarget(name, target) {
    try {
      resolveRedis(name, undefined, { targets: { [name]: target } });
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  },
  loadRunner: () => import("./runner.js"),
};

export default redisProbe;
