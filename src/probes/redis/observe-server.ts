import type { Redis } from "ioredis";
import type { ObservableRef, Observations } from "../../core/observation.js";
import { infoValue, parseInfo } from "./parse-info.js";

export interface ServerObservations {
  observations: Observations;
  absent: Record<string, string>;
  evidence: Record<string, unknown>;
}

/** `ping`, `latency`, `hit_rate`, `memory_used` and each requested `info.<field>`, from PING and INFO. */
export async function observeServer(client: Redis, requested: ObservableRef[]): Promise<ServerObservations> {
  const started = performance.now();
  const pong = await client.ping();
  const latencyMs = performance.now() - started;
  let fields = parseInfo(await client.info());
  const infoRefs = requested.filter((ref) => ref.name === "info");
  // Plain INFO leaves out some sections (commandstats, latencystats); ask for all only when needed.
  if (infoRefs.some((ref) => !fields.has(String(ref.path[0])))) fields = parseInfo(await client.info("all"));
  const result: ServerObservations = {
    observations: {
      ping: pong === "PONG",
      latency: { value: Math.round(latencyMs * 1000) / 1000, unit: "ms" },
    },
    absent: {},
    evidence: { version: fields.get("redis_version") },
  };
  observeHitRate(fields, result);
  const usedMemory = Number(fields.get("used_memory"));
  if (Number.isFinite(usedMemory)) result.observations.memory_used = { value: usedMemory, unit: "B" };
  for (const ref of infoRefs) {
    const value = infoValue(fields, ref.path);
    const absent = typeof value === "object";
    result.observations[ref.text] = absent ? null : value;
    if (absent) result.absent[ref.text] = value.absent;
  }
  return result;
}

/** keyspace_hits / (hits + misses), server-wide since the last restart or CONFIG RESETSTAT. */
function observeHitRate(fields: Map<string, string>, result: ServerObservations): void {
  const hits = Number(fields.get("keyspace_hits"));
  const misses = Number(fields.get("keyspace_misses"));
  result.evidence.keyspace = { hits, misses };
  if (hits + misses > 0) {
    result.observations.hit_rate = hits / (hits + misses);
    return;
  }
  result.observations.hit_rate = null;
  result.absent.hit_rate = Number.isNaN(hits + misses)
    ? "INFO has no keyspace_hits"
    : "no keyspace lookups yet";
}
