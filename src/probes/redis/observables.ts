import type { ObservableSpec } from "../../core/observation.js";

export const redisObservables: Record<string, ObservableSpec> = {
  ping: { kind: "boolean", description: "the server answered PING with PONG" },
  latency: { kind: "duration", description: "round trip of one PING" },
  info: {
    kind: "any",
    form: "path",
    description: "a field of INFO: info.connected_clients, info.role, info.db0.keys (numbers as numbers)",
  },
  hit_rate: {
    kind: "number",
    description: "keyspace_hits / (hits + misses), server-wide; absent before the first lookup",
  },
  memory_used: { kind: "size", description: "used_memory from INFO" },
  ttl: {
    kind: "duration",
    form: "call",
    description:
      "ttl(<key or pattern>): the key's TTL, or the largest among every matching key; a key that never expires counts as longer than any duration",
  },
  keys: {
    kind: "number",
    form: "call",
    description: "keys(<pattern>): how many keys match (SCAN); keys: all of the db",
  },
};
