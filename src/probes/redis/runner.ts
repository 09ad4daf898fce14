import type { Redis } from "ioredis";
import type { ObservableRef, PartialObservations } from "../../core/observation.js";
import { startDeadline } from "../shared/deadline.js";
import { refusedHost } from "../shared/network-policy.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import type { RedisConfig } from "./config.js";
import { connectRedis } from "./connect-redis.js";
import { describeRedisError } from "./describe-redis-error.js";
import { observeServer } from "./observe-server.js";
import { observeTtl } from "./observe-ttl.js";
import { resolveRedis } from "./redis-url.js";
import { countKeys } from "./scan-keys.js";

/** Connects, reads PING and INFO, then the TTLs and counts of the keys asked for. */
export async function run(config: RedisConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const endpoint = resolveRedis(config.target, config.db, ctx);
  const evidence: Record<string, unknown> = { target: endpoint.label, db: endpoint.db };
  const refused = await refusedHost(endpoint.host, ctx);
  if (refused !== undefined) return { observations: {}, evidence, error: `${endpoint.label}: ${refused}` };
  const deadline = startDeadline(ctx);
  let client: Redis | undefined;
  // What a timeout interrupted, when it is a scan the user can bound: said in the error.
  let scanning = "";
  try {
    client = await connectRedis(endpoint, ctx.timeoutMs, deadline);
    const server = await observeServer(client, ctx.requested);
    const { observations, absent } = server;
    const ttl: Record<string, unknown> = {};
    const partial: PartialObservations = {};
    for (const ref of ctx.requested) {
      if (ref.name === "keys") observations[ref.text] = await countKeys(client, patternOf(ref));
      if (ref.name !== "ttl" || ref.text in ttl) continue;
      scanning = ` while reading the TTL of every key matching ${patternOf(ref)} (raise the check's timeout)`;
      const seen = await observeTtl(client, patternOf(ref), config.sample);
      scanning = "";
      observations[ref.text] = seen.value;
      if ("absent" in seen) absent[ref.text] = seen.absent;
      if ("unreadable" in seen) {
        const raise = "raise sample in the check's redis block, or leave it out to read every key";
        partial[ref.text] = { part: "unknown", limit: seen.unreadable, raise };
      }
      ttl[ref.text] = seen.evidence;
    }
    Object.assign(evidence, server.evidence, Object.keys(ttl).length > 0 && { ttl });
    if (Object.keys(absent).length > 0) evidence.absent = absent;
    return { observations, evidence, partial };
  } catch (error) {
    const cause = describeRedisError(error, deadline, endpoint.secrets);
    const during = deadline.signal.aborted ? scanning : "";
    return { observations: {}, evidence, error: `${endpoint.label}: ${cause}${during}` };
  } finally {
    client?.disconnect();
    deadline.dispose();
  }
}

/** `ttl(session:*)` -> `session:*`; quotes around it are dropped; no argument means every key. */
function patternOf(ref: ObservableRef): string {
  const arg = ref.args.length === 0 ? "*" : ref.args.map(String).join(",");
  return /^(["']).*\1$/.test(arg) ? arg.slice(1, -1) : arg;
}
