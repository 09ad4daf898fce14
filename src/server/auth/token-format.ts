import { randomBytes } from "node:crypto";

/**
 * A token as a person copies it: `ggo_<8 hex>_<43 base64url>`. The first part (`ggo_1a2b3c4d`)
 * is public: it names the token in lists, logs and the audit, and finds its row. The secret is
 * 256 random bits, kept only as a salted hash.
 */
const TOKEN = /^(ggo_[0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface TokenParts {
  prefix: string;
  secret: string;
}

export function newTokenParts(): TokenParts {
  return { prefix: `ggo_${randomBytes(4).toString("hex")}`, secret: randomBytes(32).toString("base64url") };
}

export function formatToken(parts: TokenParts): string {
  return `${parts.prefix}_${parts.secret}`;
}

/** The parts of a presented token, or null when it is not one gonogo issues. */
export function parseToken(presented: string): TokenParts | null {
  const match = TOKEN.exec(presented.trim());
  return match?.[1] && match[2] ? { prefix: match[1], secret: match[2] } : null;
}

/** The token an `Authorization: Bearer <token>` header carries; undefined without one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}
