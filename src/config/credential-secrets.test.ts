import { describe, expect, it } from "vitest";
import { credentialsIn } from "./credential-secrets.js";

describe("credentialsIn", () => {
  it("takes a URL's user:password pair (sent as Basic auth) and a password that looks like a token", () => {
    expect(credentialsIn(["targets", "api", "url"], "http://alice:Zk9%40x2Lq7w@127.0.0.1:8080")).toEqual([
      "alice:Zk9@x2Lq7w",
      "Zk9@x2Lq7w",
    ]);
    // A readable password stays readable alone (masking "postgres" everywhere garbles reports); the pair is masked.
    expect(credentialsIn(["targets", "db", "url"], "postgres://postgres:postgres@127.0.0.1/test")).toEqual([
      "postgres:postgres",
    ]);
    expect(credentialsIn(["targets", "api", "url"], "https://api.example.com/health")).toEqual([]);
  });

  it("takes a credential header's value, with and without its scheme word, wherever it was written", () => {
    expect(credentialsIn(["targets", "api", "headers", "Authorization"], "Basic YWxpY2U6czNjcmV0")).toEqual([
      "Basic YWxpY2U6czNjcmV0",
      "YWxpY2U6czNjcmV0",
    ]);
    expect(credentialsIn(["checks", "c", "http", "headers", "x-api-key"], "k-123")).toEqual(["k-123"]);
    expect(credentialsIn(["checks", "c", "http", "headers", "x-team"], "sre-platform")).toEqual([]);
    expect(credentialsIn(["targets", "api", "headers", "X-Private-Network"], "true")).toEqual([]);
  });
});
