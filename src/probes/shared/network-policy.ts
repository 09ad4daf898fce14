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
