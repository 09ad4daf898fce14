/** Access control for `gonogo serve` and `gonogo token`: tokens, who they stand for, what they may do. */
export { type AuthFailureReason, type AuthResult, authenticate, authenticator } from "./authenticate.js";
export { type IssuedToken, issueToken, type TokenRequest } from "./issue-token.js";
export {
  ACTIONS,
  type Action,
  can,
  type Decision,
  decide,
  decideRank,
  LEAST_ROLE,
  type Resource,
} from "./permissions.js";
export type { Principal } from "./principal.js";
export { SCRYPT_COST } from "./secret-hash.js";
export { bearerToken, parseToken } from "./token-format.js";
