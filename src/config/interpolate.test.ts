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

  it("redacts what leaked before: a named webhook URL whole, `+` and `%` as written, a path-like key", () => {
    const hook = "https://hooks.example/services/T0A1B2/B3C4D5/k9Xq2LmP";
    expect(secretsOf("${SLACK_WEBHOOK_SECRET}", { SLACK_WEBHOOK_SECRET: hook })).toContain(hook);
    const plus = secretsOf("${U}", { U: "https://api.example/x?token=a+b%2Fc" });
    expect(plus).toEqual(expect.arrayContaining(["a+b%2Fc", "a b/c"]));
    expect(secretsOf("${DATABASE_URL}", { DATABASE_URL: "postgres://app:50%off@db/app" })).toContain(
      "50%off",
    );
    expect(secretsOf("${K}", { K: "/k7MDENGbPx9qLw2+abc" })).toEqual(["/k7MDENGbPx9qLw2+abc"]);
  });

  it("leaves alone what only names things: a database user, a region, an environment, an ssh login", () => {
    expect(secretsOf("${DB_USER}", { DB_USER: "postgres" })).toEqual([]);
    expect(secretsOf("${REGION}", { REGION: "us-east-1" })).toEqual([]);
    expect(secretsOf("${APP_ENV}", { APP_ENV: "production" })).toEqual([]);
    expect(secretsOf("${U}", { U: "https://db.example/x?env=production&w=majority" })).toEqual([]);
    expect(secretsOf("${REPO}", { REPO: "ssh://git@github.com/acme/orders.git" })).toEqual([]);
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
