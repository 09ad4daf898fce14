/**
 * What an API token lets its bearer do, from least to most trusted; each role may do all that the
 * ones before it may. `viewer` reads; `runner` triggers runs and pushes reports; `approver`
 * attests, waives and signs off (a section only in a sign-off role the token holds); `admin`
 * manages tokens and services. The rules themselves are in `server/auth/permissions.ts`.
 */
export const ACCESS_ROLES = ["viewer", "runner", "approver", "admin"] as const;

export type AccessRole = (typeof ACCESS_ROLES)[number];

export function isAccessRole(value: string): value is AccessRole {
  return (ACCESS_ROLES as readonly string[]).includes(value);
}

/** True when `role` may do what `least` may: `atLeast("admin", "runner")`. */
export function atLeast(role: AccessRole, least: AccessRole): boolean {
  return ACCESS_ROLES.indexOf(role) >= ACCESS_ROLES.indexOf(least);
}
