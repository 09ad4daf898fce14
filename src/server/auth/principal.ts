import type { AccessRole } from "../../core/access-role.js";

/** Who a request acts as: the token it presented, with the role and sign-off roles it grants. */
export interface Principal {
  tokenId: number;
  /** The token's name ("ci"): what audit events name as the actor. */
  name: string;
  /** `ggo_1a2b3c4d`: the token's public prefix. */
  prefix: string;
  role: AccessRole;
  signoffRoles: string[];
  /**
   * How the request showed it: a Bearer token (the default), a browser session opened with the
   * token, or a trusted reverse proxy naming a person (then `name` is that person, `tokenId` 0).
   * Browser requests that change anything must carry a CSRF token (`server/session/`).
   */
  via?: "token" | "session" | "proxy";
  /** When the token stops being valid (ISO time); null or absent: never. Checked again on cached use. */
  expiresAt?: string | null;
}
