import { describe, expect, it } from "vitest";
import { ACCESS_ROLES, type AccessRole } from "../../core/access-role.js";
import { ACTIONS, type Action, can, decide, type Resource } from "./permissions.js";

const RESOURCES: Record<string, Resource> = {
  none: {},
  held: { signoffRoles: ["Security Lead"] },
  heldOtherCase: { signoffRoles: [" security LEAD "] },
  other: { signoffRoles: ["CTO"] },
  eitherOne: { signoffRoles: ["CTO", "Security Lead"] },
};

const PRINCIPALS: Record<string, { role: AccessRole; signoffRoles: string[] }> = {
  viewer: { role: "viewer", signoffRoles: [] },
  runner: { role: "runner", signoffRoles: [] },
  approver: { role: "approver", signoffRoles: [] },
  "approver (Security Lead)": { role: "approver", signoffRoles: ["Security Lead"] },
  admin: { role: "admin", signoffRoles: [] },
  "admin (Security Lead)": { role: "admin", signoffRoles: ["Security Lead"] },
};

/**
 * Every principal × action × resource, written out: one letter per resource in the order of
 * RESOURCES (none, held, heldOtherCase, other, eitherOne); Y allowed, - refused.
 */
const EXPECTED: Record<string, Record<Action, string>> = {
  viewer: {
    read: "YYYYY",
    run: "-----",
    "push-report": "-----",
    attest: "-----",
    waive: "-----",
    signoff: "-----",
    "steer-rollout": "-----",
    "read-audit": "-----",
    "manage-tokens": "-----",
    "manage-services": "-----",
  },
  runner: {
    read: "YYYYY",
    run: "YYYYY",
    "push-report": "YYYYY",
    attest: "-----",
    waive: "-----",
    signoff: "-----",
    "steer-rollout": "-----",
    "read-audit": "-----",
    "manage-tokens": "-----",
    "manage-services": "-----",
  },
  approver: {
    read: "YYYYY",
    run: "YYYYY",
    "push-report": "YYYYY",
    attest: "Y----",
    waive: "Y----",
    signoff: "-----",
    "steer-rollout": "YYYYY",
    "read-audit": "YYYYY",
    "manage-tokens": "-----",
    "manage-services": "-----",
  },
  "approver (Security Lead)": {
    read: "YYYYY",
    run: "YYYYY",
    "push-report": "YYYYY",
    attest: "YYY-Y",
    waive: "YYY-Y",
    signoff: "-YY-Y",
    "steer-rollout": "YYYYY",
    "read-audit": "YYYYY",
    "manage-tokens": "-----",
    "manage-services": "-----",
  },
  admin: {
    read: "YYYYY",
    run: "YYYYY",
    "push-report": "YYYYY",
    attest: "Y----",
    waive: "Y----",
    signoff: "-----",
    "steer-rollout": "YYYYY",
    "read-audit": "YYYYY",
    "manage-tokens": "YYYYY",
    "manage-services": "YYYYY",
  },
  "admin (Security Lead)": {
    read: "YYYYY",
    run: "YYYYY",
    "push-report": "YYYYY",
    attest: "YYY-Y",
    waive: "YYY-Y",
    signoff: "-YY-Y",
    "steer-rollout": "YYYYY",
    "read-audit": "YYYYY",
    "manage-tokens": "YYYYY",
    "manage-services": "YYYYY",
  },
};

function named<T>(table: Record<string, T>, name: string): T {
  const found = table[name];
  if (found === undefined) throw new Error(`no ${name} in the table`);
  return found;
}

describe("can(principal, action, resource)", () => {
  it("the table covers every role and every action", () => {
    expect(new Set(Object.values(PRINCIPALS).map((p) => p.role))).toEqual(new Set(ACCESS_ROLES));
    for (const row of Object.values(EXPECTED)) expect(Object.keys(row).sort()).toEqual([...ACTIONS].sort());
  });

  for (const [who, principal] of Object.entries(PRINCIPALS))
    for (const action of ACTIONS)
      it(`${who} ${action}: ${EXPECTED[who]?.[action]}`, () => {
        const got = Object.values(RESOURCES)
          .map((resource) => (can(principal, action, resource) ? "Y" : "-"))
          .join("");
        expect(got).toBe(EXPECTED[who]?.[action]);
      });

  it("says why it refuses", () => {
    expect(decide(named(PRINCIPALS, "runner"), "attest")).toEqual({
      allowed: false,
      reason: "attest needs the approver role; this token is runner",
    });
    expect(decide(named(PRINCIPALS, "admin (Security Lead)"), "signoff", named(RESOURCES, "other"))).toEqual({
      allowed: false,
      reason: "signoff here needs the sign-off role CTO; this token holds Security Lead",
    });
    expect(decide(named(PRINCIPALS, "approver"), "signoff")).toEqual({
      allowed: false,
      reason: "a sign-off is made in a role: name it",
    });
    expect(decide(named(PRINCIPALS, "viewer"), "read")).toEqual({ allowed: true });
  });
});
