import { isIP } from "node:net";
import { z } from "zod";
import { ACCESS_ROLES, type AccessRole } from "../core/access-role.js";

/** An address (`10.0.0.7`, `::1`) or a subnet (`10.0.0.0/8`, `fd00::/8`). */
const addressOrSubnet = z.string().refine((text) => {
  const [address = "", bits, ...rest] = text.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^[0-9]{1,3}$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
}, "an IP address or a subnet such as 10.0.0.0/8");

const grantSchema = z.strictObject({
  role: z.enum(ACCESS_ROLES),
  signoff_roles: z.array(z.string().min(1)).default([]),
});

/**
 * `auth:` in gonogo-server.yml: how browsers sign in. Sessions last `session_hours`. A reverse proxy
 * that authenticates people itself (oauth2-proxy) names them in `user_header`; that header is
 * believed only on connections from `trusted_proxies`, and grants what `users` (or `default_role`)
 * says. Without trusted proxies the header is ignored everywhere.
 */
export const authConfigSchema = z.strictObject({
  session_hours: z
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  trusted_proxies: z.array(addressOrSubnet).default([]),
  user_header: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, "an HTTP header name")
    .default("X-Forwarded-Email"),
  users: z.record(z.string().min(1), grantSchema).default({}),
  /** The role of a proxy-authenticated person not listed in `users`; left out, they are refused. */
  default_role: z.enum(ACCESS_ROLES).optional(),
});

export interface RoleGrant {
  role: AccessRole;
  signoffRoles: string[];
}

/** The browser sign-in settings, defaulted. */
export interface AuthConfig {
  sessionMs: number;
  trustedProxies: string[];
  /** Lower case, as Node gives header names. */
  userHeader: string;
  users: ReadonlyMap<string, RoleGrant>;
  defaultRole: AccessRole | null;
}

export function toAuthConfig(raw: z.infer<typeof authConfigSchema> | undefined): AuthConfig {
  const parsed = raw ?? authConfigSchema.parse({});
  return {
    sessionMs: parsed.session_hours * 3_600_000,
    trustedProxies: parsed.trusted_proxies,
    userHeader: parsed.user_header.toLowerCase(),
    // People are named by the proxy as it likes; "Ana@Example.com" and "ana@example.com" are one.
    users: new Map(
      Object.entries(parsed.users).map(([user, grant]) => [
        user.toLowerCase(),
        { role: grant.role, signoffRoles: grant.signoff_roles },
      ]),
    ),
    defaultRole: parsed.default_role ?? null,
  };
}
