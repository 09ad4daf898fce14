import { BlockList } from "node:net";

/**
 * Where probes may not connect, and what to say when they try. A probe that honours it hands the
 * block list to its sockets (`net.connect({ blockList })`), so a refused address is refused after
 * name resolution and before any packet leaves: a host name that resolves to one is refused too.
 */
export interface NetworkPolicy {
  blockList: BlockList;
  /** Host names refused whatever they resolve to (lower case, no trailing dot): cloud metadata names. */
  blockedHosts?: readonly string[];
  /** Why, and how to allow it: the error of a check that tried (after the address). */
  refusal: string;
}

/**
 * What a caller of the pipeline does not let checks do. The CLI sets none (a person runs their own
 * checks); `gonogo serve` refuses commands and link-local addresses unless its config allows them.
 */
export interface ProbePolicy {
  /** Probe kinds that do not run, each with the error its checks get instead (`command`, `k6`). */
  refusedProbes?: Readonly<Record<string, string>>;
  /** Addresses probes that connect out may not reach. */
  network?: NetworkPolicy;
}

/**
 * Link-local addresses, where clouds serve instance metadata and credentials (169.254.169.254,
 * fd00:ec2::254): a server that runs checks for others must not be a way to read them.
 */
export const LINK_LOCAL_RANGES = [
  { network: "169.254.0.0", prefix: 16, family: "ipv4" },
  { network: "fe80::", prefix: 10, family: "ipv6" },
  { network: "::ffff:169.254.0.0", prefix: 112, family: "ipv6" },
  { network: "fd00:ec2::254", prefix: 128, family: "ipv6" },
  // Alibaba Cloud's metadata service, outside the link-local range.
  { network: "100.100.100.200", prefix: 32, family: "ipv4" },
] as const;

/**
 * Names of metadata services, refused before they are resolved: where they resolve (inside the
 * cloud) they name a link-local address, and a check must not learn to use them anywhere else.
 */
export const METADATA_HOSTS = ["metadata.google.internal", "metadata.goog"] as const;

/** A policy refusing the link-local ranges, with the given refusal. */
export function refuseLinkLocal(refusal: string): NetworkPolicy {
  const blockList = new BlockList();
  for (const range of LINK_LOCAL_RANGES) blockList.addSubnet(range.network, range.prefix, range.family);
  return { blockList, blockedHosts: METADATA_HOSTS, refusal };
}
