import { type AccessRole, atLeast } from "../../core/access-role.js";
import { sameRole } from "../../verdict/signoffs.js";
import type { Principal } from "./principal.js";

/** What a request may ask to do, each allowed from one role up (`LEAST_ROLE`). */
export const ACTIONS = [
  "read",
  "run",
  "push-report",
  "attest",
  "waive",
  "signoff",
  "steer-rollout",
  "read-audit",
  "manage-tokens",
  "manage-services",
] as const;

export type Action = (typeof ACTIONS)[number];

export const LEAST_ROLE: Readonly<Record<Action, AccessRole>> = {
  read: "viewer",
  run: "runner",
  "push-report": "runner",
  attest: "approver",
  waive: "approver",
  signoff: "approver",
  // Promote, pause, resume or abort a rollout: a person's decision on live traffic.
  "steer-rollout": "approver",
  // Who vouched for what, from where: an approver answers for the same records.
  "read-audit": "approver",
  "manage-tokens": "admin",
  "manage-services": "admin",
};

/** Actions that speak for a section, and so need a sign-off role of that section. */
const SPEAKS_FOR_SECTION: ReadonlySet<Action> = new Set(["attest", "waive", "signoff"]);

/**
 * What the action is done to, where it matters. `signoffRoles`: for `signoff`, the role the
 * sign-off is made in (required); for `attest` and `waive`, the sign-off roles the item's section
 * requires (gates.signoffs), any one of which suffices; left out, any approver may.
 */
export interface Resource {
  signoffRoles?: readonly string[];
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

function holdsOne(principal: Pick<Principal, "signoffRoles">, roles: readonly string[]): boolean {
  return roles.some((role) => principal.signoffRoles.some((held) => sameRole(held, role)));
}

/**
 * Whether `principal` may do `action` to `resource`, and why not. An admin outranks an approver
 * but is no "Security Lead" by rank: speaking for a section takes one of its sign-off roles,
 * whatever the role.
 */
export function decide(
  principal: Pick<Principal, "role" | "signoffRoles">,
  action: Action,
  resource: Resource = {},
): Decision {
  const ranked = decideRank(principal, action);
  if (!ranked.allowed || !SPEAKS_FOR_SECTION.has(action)) return ranked;
  const roles = resource.signoffRoles ?? [];
  if (action === "signoff" && roles.length === 0)
    return { allowed: false, reason: "a sign-off is made in a role: name it" };
  if (roles.length === 0 || holdsOne(principal, roles)) return { allowed: true };
  const held = principal.signoffRoles.length > 0 ? principal.signoffRoles.join(", ") : "none";
  return {
    allowed: false,
    reason: `${action} here needs the sign-off role ${roles.join(" or ")}; this token holds ${held}`,
  };
}

/**
 * Whether the principal's role reaches the action's least role, the section left aside: what the
 * API asks of every request before its body is read; the route asks `decide` once it knows the section.
 */
export function decideRank(principal: Pick<Principal, "role">, action: Action): Decision {
  const least = LEAST_ROLE[action];
  if (!atLeast(principal.role, least))
    return { allowed: false, reason: `${action} needs the ${least} role; this token is ${principal.role}` };
  return { allowed: true };
}

/** `can(principal, "signoff", { signoffRoles: ["Security Lead"] })`: `decide`, as a yes or no. */
export function can(
  principal: Pick<Principal, "role" | "signoffRoles">,
  action: Action,
  resource?: Resource,
): boolean {
  return decide(principal, action, resource).allowed;
}
