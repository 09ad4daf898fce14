import { type AccessRole, atLeast } from "../../core/access-role.js";
import { GonogoError } from "../../core/errors.js";
import type { ApiToken, Store } from "../../store/index.js";
import { sameRole } from "../../verdict/signoffs.js";
import { hashSecret } from "./secret-hash.js";
import { formatToken, newTokenParts } from "./token-format.js";

export interface TokenRequest {
  /** Unique among live tokens: `ci`, `deploy-bot`, `ana.diaz`. */
  name: string;
  role: AccessRole;
  /** Sign-off roles ("Security Lead") an approver or admin may sign off, attest and waive in. */
  signoffRoles?: string[];
  /** ISO time the token stops working; null: never. */
  expiresAt: string | null;
  /** Who issues it: the admin (or the OS user at the CLI), recorded and audited. */
  createdBy: string;
}

/** A token just issued: `token` is its only appearance in clear; `record` is what the store keeps. */
export interface IssuedToken {
  token: string;
  record: ApiToken;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

function checkedName(name: string): string {
  if (!NAME.test(name))
    throw new GonogoError(
      "usage",
      `token name ${JSON.stringify(name)}: use 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit`,
    );
  return name;
}

/** The sign-off roles trimmed and without repeats; only a role that may sign off carries any. */
function checkedSignoffRoles(role: AccessRole, roles: string[]): string[] {
  const unique: string[] = [];
  for (const raw of roles) {
    const text = raw.trim().replace(/\s+/g, " ");
    if (text === "") throw new GonogoError("usage", "a sign-off role cannot be blank");
    if (!unique.some((held) => sameRole(held, text))) unique.push(text);
  }
  if (unique.length > 0 && !atLeast(role, "approver"))
    throw new GonogoError(
      "usage",
      `a ${role} token cannot carry sign-off roles: only approver and admin tokens sign off`,
      ["give it --role approver, or leave out --signoff-role"],
    );
  return unique;
}

/**
 * Makes a token, keeps the salted hash of its secret and its audit event, and returns the token
 * in clear this one time. A live token of the same name is a `conflict` GonogoError.
 */
export async function issueToken(store: Store, request: TokenRequest, now: Date): Promise<IssuedToken> {
  const name = checkedName(request.name);
  const signoffRoles = checkedSignoffRoles(request.role, request.signoffRoles ?? []);
  if (request.expiresAt !== null && Date.parse(request.expiresAt) <= now.getTime())
    throw new GonogoError("usage", `token ${name}: its expiry ${request.expiresAt} is already past`);
  let parts = newTokenParts();
  // 32 random bits name a token: a clash is rare, but a second token must never share a prefix.
  while (await store.findApiToken(parts.prefix)) parts = newTokenParts();
  const record = await store.addApiToken({
    prefix: parts.prefix,
    name,
    role: request.role,
    signoffRoles,
    secretHash: await hashSecret(parts.secret),
    createdAt: now.toISOString(),
    createdBy: request.createdBy,
    expiresAt: request.expiresAt,
  });
  return { token: formatToken(parts), record };
}
