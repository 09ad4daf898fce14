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
  /** When the token stops being valid (ISO time); null or absent: never. Checked again on cached use. */
  expiresAt?: string | null;
}
