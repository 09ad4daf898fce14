import { ACCESS_ROLES, type AccessRole, isAccessRole } from "../../core/access-role.js";
import { GonogoError } from "../../core/errors.js";
import { parseDuration } from "../../core/units.js";
import { issueToken } from "../../server/auth/index.js";
import { type ApiToken, currentUser, openStore } from "../../store/index.js";
import { printJson, withStore } from "./_store.js";

export interface TokenCreateOptions {
  name: string;
  role: string;
  signoffRole?: string[];
  expires?: string;
  store?: string;
}

export interface TokenListOptions {
  store?: string;
  json?: boolean;
  all?: boolean;
}

/** Past a century a token is one that does not expire: say so by leaving --expires out. */
const MAX_EXPIRY_DAYS = 36_500;
const DAY_MS = 86_400_000;

function checkedRole(role: string): AccessRole {
  if (isAccessRole(role)) return role;
  throw new GonogoError("usage", `--role ${role}: expected one of ${ACCESS_ROLES.join(", ")}`);
}

/**
 * `--expires 90d` (from now) or `--expires 2026-12-31` (valid through that day, UTC, as a
 * waiver's `until`): the ISO time the token stops working; null without the flag.
 */
export function tokenExpiry(expires: string | undefined, now: Date): string | null {
  if (expires === undefined) return null;
  const usage = `--expires ${expires}: expected a duration (90d, 12h) or a last day (YYYY-MM-DD)`;
  let at: number;
  if (/^\d{4}-\d{2}-\d{2}$/.test(expires)) {
    const day = Date.parse(`${expires}T00:00:00.000Z`);
    if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== expires)
      throw new GonogoError("usage", `${usage}; ${expires} is no date`);
    at = day + DAY_MS;
  } else {
    const ms = parseDuration(expires);
    if (ms === null || ms <= 0) throw new GonogoError("usage", usage);
    at = now.getTime() + ms;
  }
  if (at <= now.getTime()) throw new GonogoError("usage", `--expires ${expires}: that day is past`);
  if (at - now.getTime() > MAX_EXPIRY_DAYS * DAY_MS)
    throw new GonogoError(
      "usage",
      `--expires ${expires}: more than ${MAX_EXPIRY_DAYS}d (100 years); leave --expires out for a token that does not expire`,
    );
  return new Date(at).toISOString();
}

function describe(token: ApiToken): string {
  const roles = token.signoffRoles.length > 0 ? ` (${token.signoffRoles.join(", ")})` : "";
  return `${token.prefix}, ${token.role}${roles}`;
}

/**
 * `gonogo token create`: the token goes to stdout, alone, so `$(gonogo token create ...)` takes
 * it; stderr says it will not be shown again. The store keeps only its salted hash.
 */
export async function runTokenCreate(options: TokenCreateOptions): Promise<number> {
  const role = checkedRole(options.role);
  const now = new Date();
  const expiresAt = tokenExpiry(options.expires, now);
  const store = await openStore(options.store ? { store: options.store } : {});
  return withStore(store, async () => {
    const request = { name: options.name, role, signoffRoles: options.signoffRole ?? [], expiresAt };
    const { token, record } = await issueToken(store, { ...request, createdBy: currentUser() }, now);
    process.stdout.write(`${token}\n`);
    const until = expiresAt ? `expires ${expiresAt}` : "does not expire";
    process.stderr.write(
      `gonogo: created API token "${record.name}" (${describe(record)}; ${until}) in ${store.location}\n` +
        "gonogo: copy it now: it is shown once and will not be shown again\n",
    );
    return 0;
  });
}

function state(token: ApiToken, now: Date): string {
  if (token.revokedAt) return `revoked ${token.revokedAt}`;
  if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()) return `expired ${token.expiresAt}`;
  return token.expiresAt ? `expires ${token.expiresAt}` : "no expiry";
}

function row(token: ApiToken, now: Date): string {
  const used = token.lastUsedAt ? `last used ${token.lastUsedAt}` : "never used";
  return `${token.name}  ${describe(token)}  created ${token.createdAt} by ${token.createdBy}  ${state(token, now)}  ${used}`;
}

/** `gonogo token list`: live tokens (revoked too with --all), never a secret or a hash. */
export async function runTokenList(options: TokenListOptions): Promise<number> {
  const store = await openStore({ ...(options.store ? { store: options.store } : {}), existing: true });
  return withStore(store, async () => {
    const tokens = await store.listApiTokens({ includeRevoked: options.all === true });
    const now = new Date();
    if (options.json) printJson(tokens);
    else if (tokens.length === 0) process.stdout.write(`no API tokens in ${store.location}\n`);
    else process.stdout.write(tokens.map((t) => `${row(t, now)}\n`).join(""));
    return 0;
  });
}

/**
 * `gonogo token revoke NAME`: new checks refuse the token at once, a running `gonogo serve` within
 * its auth cache's TTL (5 s, `server/auth/auth-cache.ts`); its name is free again.
 */
export async function runTokenRevoke(name: string, options: { store?: string }): Promise<number> {
  const store = await openStore({ ...(options.store ? { store: options.store } : {}), existing: true });
  return withStore(store, async () => {
    const revoked = await store.revokeApiToken(name, { at: new Date().toISOString(), actor: currentUser() });
    if (!revoked)
      throw new GonogoError("not-found", `no live API token named "${name}" in ${store.location}`, [
        "see gonogo token list (--all shows revoked ones too)",
      ]);
    process.stdout.write(`revoked API token "${revoked.name}" (${describe(revoked)})\n`);
    return 0;
  });
}
