import { describe, expect, it } from "vitest";
import { interpolate } from "./interpolate.js";

const secretsOf = (text: string, env: NodeJS.ProcessEnv) => interpolate(text, env).secrets;

describe("interpolate", () => {
  it("fills ${VAR} and ${VAR:-default}, keeps $${VAR} literal, and lists what is missing", () => {
    const env = { HOST: "127.0.0.1", EMPTY: "" };
    expect(interpolate("http://${HOST}:${PORT:-8080}/$${HOME}", env)).toEqual({
      value: "http://127.0.0.1:8080/${HOME}",
      missing: [],
      secrets: [],
    });
    expect(interpolate("${EMPTY}${NOPE}", env).missing).toEqual(["EMPTY", "NOPE"]);
  });

  it("takes a variable named like a credential for a secret, however short", () => {
    expect(secretsOf("Bearer ${API_TOKEN}", { API_TOKEN: "abc1" })).toEqual(["abc1"]);
    expect(secretsOf("${DB_PASSWORD}", { DB_PASSWORD: "1234" })).toEqual(["1234"]);
  });

  it("takes any other value for a secret only when it is as long as a token", () => {
    expect(secretsOf("/${ENVNAME}/health", { ENVNAME: "prod" })).toEqual([]);
    expect(secretsOf("${PORT}", { PORT: "8080" })).toEqual([]);
    expect(secretsOf("${HOST}", { HOST: "orders.internal.example" })).toEqual([]);
    expect(secretsOf("${DIR}", { DIR: "/srv/orders/current" })).toEqual([]);
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.Sfl9KxwRJSMeKKF2QT4fwpMeJf36POk6yJV";
    expect(secretsOf("${SIGNED}", { SIGNED: jwt })).toEqual([jwt]);
    expect(secretsOf("${WEBHOOK}", { WEBHOOK: "whk_9f8e7d6c5b" })).toEqual(["whk_9f8e7d6c5b"]);
  });

  it("keeps a URL readable: its password is the secret, not its user, scheme or database", () => {
    const secrets = secretsOf("${DATABASE_URL}", {
      DATABASE_URL: "postgres://postgres:pw1@127.0.0.1:5432/app",
    });
    expect(secrets).toContain("pw1");
    expect(secrets).not.toContain("postgres");
    expect(secrets).not.toContain("app");
  });

  it("takes a URL's user for a secret when it has no password (a token as user), and credential query values", () => {
    expect(secretsOf("${REPO}", { REPO: "https://ghp_abcdef123@git.example/x.git" })).toContain(
      "ghp_abcdef123",
    );
    const query = secretsOf("${HOOK}", { HOOK: "https://hooks.example/x?api_key=k3y9&page=2" });
    expect(query).toContain("k3y9");
    expect(query).not.toContain("2");
  });
});
