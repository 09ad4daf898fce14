import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { NetworkPolicy } from "../../core/probe-policy.js";
import type { ProbeContext } from "../types.js";

/**
 * Socket options that make a connection honour the caller's network policy (undici's `connect`,
 * `net.connect`): the block list is checked on the resolved address, before anything is sent.
 */
export function policyConnectOptions(ctx: Pick<ProbeContext, "network">): {
  blockList?: NonNullable<ProbeContext["network"]>["blockList"];
} {
  return ctx.network ? { blockList: ctx.network.blockList } : {};
}

/**
 * `169.254.169.254: refused in server mode ...` when the error is a connection the policy refused
 * (Node's ERR_IP_BLOCKED, anywhere in the cause chain); undefined for any other error.
 */
export function describePolicyRefusal(
  error: unknown,
  ctx: Pick<ProbeContext, "network">,
): string | undefined {
  if (!ctx.network) return undefined;
  for (let link = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined; link; ) {
    if (link.code === "ERR_IP_BLOCKED") {
      const address = /IP\(([^)]+)\)/.exec(String(link.message))?.[1];
      return `${address ?? "address"}: ${ctx.network.refusal}`;
    }
    link = typeof link.cause === "object" && link.cause !== null ? (link.cause as typeof link) : undefined;
  }
  return undefined;
}

/**
 * Why `host` may not be reached under the caller's policy, or undefined when it may (or there is
 * no policy): a metadata service's name, an address in the block list, or a name any of whose
 * addresses is in it. Probes whose drivers cannot take a block list (SQL, Redis) ask before they
 * connect; the others ask too, so every probe refuses with the same words before a packet leaves.
 * A name that does not resolve is let through: the driver reports it as it would anyway.
 *
 * @example const refused = await refusedHost("169.254.169.254", ctx); // "169.254.169.254: refused in server mode ..."
 */
export async function refusedHost(
  host: string,
  ctx: Pick<ProbeContext, "network">,
): Promise<string | undefined> {
  const policy = ctx.network;
  if (!policy) return undefined;
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  const named = refusedName(bare, ctx);
  if (named !== undefined) return named;
  if (isIP(bare) !== 0) return blocked(bare, policy) ? `${bare}: ${policy.refusal}` : undefined;
  const addresses = await lookup(bare, { all: true, verbatim: true }).catch(() => []);
  const refused = addresses.find((a) => blocked(a.address, policy));
  return refused ? `${bare} (${refused.address}): ${policy.refusal}` : undefined;
}

/**
 * `metadata.google.internal: refused ...` when `host` is a metadata service's name; no lookup.
 * For probes whose sockets take the block list already (http), which only lack the names.
 */
export function refusedName(host: string, ctx: Pick<ProbeContext, "network">): string | undefined {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (ctx.network?.blockedHosts?.includes(name)) return `${host}: ${ctx.network.refusal}`;
  return undefined;
}

function blocked(address: string, policy: NetworkPolicy): boolean {
  return policy.blockList.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}
