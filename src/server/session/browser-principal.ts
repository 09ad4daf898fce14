import { BlockList, isIPv4, isIPv6 } from "node:net";
import type { FastifyRequest } from "fastify";
import { GonogoError } from "../../core/errors.js";
import type { Store } from "../../store/index.js";
import type { Principal } from "../auth/index.js";
import type { AuthConfig } from "../auth-config.js";
import { hashSessionId, SESSION_COOKIE } from "./session-id.js";

/** `auth.trusted_proxies` as a lookup (Node's own BlockList matches addresses and subnets). */
export function trustedProxies(addresses: string[]): BlockList {
  const list = new BlockList();
  for (const entry of addresses) {
    const [address = "", bits] = entry.split("/");
    const type = isIPv6(address) ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/** The peer's address, `::ffff:10.0.0.7` read as the IPv4 address it is. */
function peerAddress(request: FastifyRequest): string | undefined {
  const address = request.socket.remoteAddress;
  if (address === undefined) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ?? address;
}

function fromTrustedProxy(request: FastifyRequest, proxies: BlockList): boolean {
  const address = peerAddress(request);
  if (address === undefined) return false;
  return proxies.check(address, isIPv4(address) ? "ipv4" : "ipv6");
}

/**
 * Whether the browser reached us over https: this connection is TLS, or a trusted proxy that
 * terminated TLS says so in X-Forwarded-Proto (from anyone else that header means nothing).
 * Cookies are marked Secure then.
 */
export function servedOverHttps(request: FastifyRequest, proxies: BlockList): boolean {
  if (request.protocol === "https") return true;
  const proto = request.headers["x-forwarded-proto"];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(",")[0]?.trim().toLowerCase();
  return first === "https" && fromTrustedProxy(request, proxies);
}

/**
 * The person a trusted reverse proxy names in `auth.user_header`, with the role `auth.users`
 * grants them. The header is believed only on a connection from `auth.trusted_proxies`: from
 * anywhere else anyone could write it, so it is ignored there (undefined).
 */
function proxyPrincipal(
  request: FastifyRequest,
  auth: AuthConfig,
  proxies: BlockList,
): Principal | undefined {
  const header = request.headers[auth.userHeader];
  const user = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!user || !fromTrustedProxy(request, proxies)) return undefined;
  const grant =
    auth.users.get(user.toLowerCase()) ??
    (auth.defaultRole === null ? undefined : { role: auth.defaultRole, signoffRoles: [] });
  if (!grant)
    throw new GonogoError(
      "forbidden",
      `${user} is signed in by the proxy but has no role here: list them under auth.users in gonogo-server.yml (or set auth.default_role)`,
    );
  return {
    tokenId: 0,
    name: user,
    prefix: "",
    role: grant.role,
    signoffRoles: grant.signoffRoles,
    via: "proxy",
  };
}

/**
 * The principal of a live session cookie: the token it was opened with, checked again now, so
 * revoking the token or its expiry ends the session too. Undefined for no, unknown or expired session.
 */
async function sessionPrincipal(
  request: FastifyRequest,
  store: Store,
  now: Date,
): Promise<Principal | undefined> {
  const id = request.cookies[SESSION_COOKIE];
  if (!id) return undefined;
  const session = await store.findSession(hashSessionId(id), now.toISOString());
  if (!session) return undefined;
  const token = await store.findApiToken(session.tokenPrefix);
  if (!token || token.revokedAt !== null) return undefined;
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime()) return undefined;
  const { id: tokenId, name, prefix, role, signoffRoles } = token;
  return { tokenId, name, prefix, role, signoffRoles, via: "session" };
}

/** Who a browser request acts as: a trusted proxy's user first, else its session; null for neither. */
export async function browserPrincipal(
  request: FastifyRequest,
  context: { store: Store; auth: AuthConfig; proxies: BlockList; now: Date },
): Promise<Principal | null> {
  return (
    proxyPrincipal(request, context.auth, context.proxies) ??
    (await sessionPrincipal(request, context.store, context.now)) ??
    null
  );
}
