import { describe, expect, it } from "vitest";
import { GonogoError } from "../core/errors.js";
import { parseServerConfig } from "./server-config.js";

function problemsOf(text: string): string[] {
  try {
    parseServerConfig("/srv/gonogo-server.yml", text);
  } catch (error) {
    expect(error).toBeInstanceOf(GonogoError);
    return (error as GonogoError).details;
  }
  throw new Error("expected a config error");
}

describe("auth: in the server config", () => {
  it("defaults to 12-hour sessions and no trusted proxy", () => {
    const { auth } = parseServerConfig("/srv/gonogo-server.yml", "services: []\n");
    expect(auth).toEqual({
      sessionMs: 12 * 3_600_000,
      trustedProxies: [],
      userHeader: "x-forwarded-email",
      users: new Map(),
      defaultRole: null,
    });
  });

  it("reads proxies, the header and the people it may name, names case-folded", () => {
    const { auth } = parseServerConfig(
      "/srv/gonogo-server.yml",
      [
        "auth:",
        "  session_hours: 1",
        "  trusted_proxies: [10.0.0.0/8, '::1', 192.168.1.7]",
        "  user_header: X-Forwarded-User",
        "  default_role: viewer",
        "  users:",
        "    Ana@Example.com: { role: approver, signoff_roles: [Security Lead] }",
      ].join("\n"),
    );
    expect(auth.sessionMs).toBe(3_600_000);
    expect(auth.trustedProxies).toEqual(["10.0.0.0/8", "::1", "192.168.1.7"]);
    expect(auth.userHeader).toBe("x-forwarded-user");
    expect(auth.defaultRole).toBe("viewer");
    expect(auth.users.get("ana@example.com")).toEqual({ role: "approver", signoffRoles: ["Security Lead"] });
  });

  it("names each mistake with its line: a bad address, an unknown role, an unknown key", () => {
    const problems = problemsOf(
      [
        "services: []",
        "auth:",
        "  trusted_proxies: [10.0.0.0/33, proxy.internal]",
        "  users:",
        "    ana: { role: boss }",
        "  trusted_proxy: 1.2.3.4",
      ].join("\n"),
    );
    expect(problems.join("\n")).toMatch(/:3\b.*trusted_proxies.*IP address or a subnet/);
    expect(problems.join("\n")).toMatch(/:5\b.*role/);
    expect(problems.join("\n")).toMatch(/trusted_proxy/);
    expect(problems).toHaveLength(4);
  });
});
