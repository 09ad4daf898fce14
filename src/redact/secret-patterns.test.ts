import { describe, expect, it } from "vitest";
import { threadCpuMs } from "../../test/support/timing.js";
import { findSecrets, redactValue } from "./secret-patterns.js";

const kinds = (text: string) => findSecrets(text).map((match) => match.kind);

describe("findSecrets", () => {
  it.each([
    ["aws-access-key", "key AKIAIOSFODNN7EXAMPLE here"],
    ["aws-access-key", "ASIAY34FZKBOKMUTVV7A"],
    [
      "private-key",
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----",
    ],
    ["private-key", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC (cut short)"],
    ["github-token", `ghp_${"a".repeat(36)}`],
    ["github-token", `github_pat_11ABCDEFG0${"x".repeat(40)}`],
    ["slack-token", "xoxb-1234567890-abcdefghij"],
    ["slack-webhook", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"],
    ["stripe-key", `sk_live_${"4eC39HqLyjWDarjtT1zdp7dc"}`],
    [
      "jwt",
      "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    ],
    ["url-password", "redis://:hunter2@cache:6379"],
    ["url-password", "amqp://guest:guest@rabbit/"],
    ["credential-assignment", "DB_PASSWORD=hunter2"],
    ["credential-assignment", "client_secret: 'abc123'"],
    ["credential-assignment", '{"apiKey":"k-123"}'],
    ["credential-assignment", "?api_key=k-123&page=2"],
  ])("finds a %s in %j", (kind, text) => {
    expect(kinds(text)).toEqual([kind]);
  });

  it.each([
    "password: null",
    '"password": ""',
    "secret=********",
    "api_key=${API_KEY}",
    "password=<your password>",
    "pk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "-----BEGIN CERTIFICATE-----\nMIIB",
    "https://user@example.com/path",
    "https://example.com:8443/path",
    '"password_min_length": 12',
    "the secretary said: hello",
    "AKIA1234",
    'json.password == "x"',
  ])("finds nothing in %j", (text) => {
    expect(findSecrets(text)).toEqual([]);
  });

  it("counts a JWT inside an assignment once", () => {
    const jwt =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    expect(kinds(`access_token=${jwt}`)).toEqual(["jwt"]);
  });

  it("lists matches in the order they appear", () => {
    const text = `ghp_${"b".repeat(36)} then AKIAIOSFODNN7EXAMPLE then password=swordfish`;
    expect(kinds(text)).toEqual(["github-token", "aws-access-key", "credential-assignment"]);
  });

  it("scans a hostile 1 MiB body quickly", () => {
    const hostile = [
      "password=".repeat(116_000),
      "eyJ-".repeat(262_000),
      "a.".repeat(524_000),
      "a://u:".repeat(174_000),
    ];
    for (const text of hostile) {
      const startedAt = threadCpuMs();
      findSecrets(text);
      expect(threadCpuMs() - startedAt).toBeLessThan(1000);
    }
  });
});

describe("redaction", () => {
  it("shows at most the first and last 4 characters", () => {
    expect(redactValue("AKIAIOSFODNN7EXAMPLE")).toBe("AKIA************MPLE");
    expect(redactValue("correct-horse")).toBe("co*********se");
    expect(redactValue("hunter2")).toBe("********");
  });
});
