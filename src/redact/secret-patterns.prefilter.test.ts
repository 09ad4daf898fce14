import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findSecrets, redactValue } from "./secret-patterns.js";

// findSecrets as it was before the prefilter and the exec loop: the reference the fast path must
// agree with on every text (same patterns, same order, matchAll on each).
const REFERENCE_PATTERNS: { kind: string; pattern: RegExp; group?: number }[] = [
  {
    kind: "private-key",
    pattern:
      /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/dg,
  },
  { kind: "aws-access-key", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/dg },
  {
    kind: "github-token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/dg,
  },
  { kind: "slack-token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,250}/dg },
  { kind: "slack-webhook", pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,}/dg },
  { kind: "stripe-key", pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,247}\b/dg },
  { kind: "jwt", pattern: /(?<![\w-])eyJ[\w-]{8,2000}\.eyJ[\w-]{8,8000}\.[\w-]{0,2000}/dg },
  {
    kind: "url-password",
    pattern: /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:@/?#"'<>]*:([^\s@/?#"'<>]+)@/dgi,
    group: 1,
  },
  {
    kind: "credential-assignment",
    pattern:
      /(?:password|passwd|secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?token|access[_-]?token)["']?\s*[:=]\s*["']?([^\s"'&,;<>{[=][^\s"'&,;<>]{0,200})/dgi,
    group: 1,
  },
];
const PLACEHOLDER = /^(?:null|none|nil|undefined|true|false|\*+|x+|•+|\$\{[^}]*\}|<[^>]*>|\[?redacted\]?)$/i;

function referenceFindSecrets(text: string) {
  const claimed: { kind: string; start: number; end: number; shown: string; masked: string }[] = [];
  for (const { kind, pattern, group = 0 } of REFERENCE_PATTERNS) {
    const fresh: typeof claimed = [];
    for (const match of text.matchAll(pattern)) {
      const span = match.indices?.[group];
      const secret = match[group];
      if (!span || !secret || PLACEHOLDER.test(secret)) continue;
      if (claimed.some((c) => c.start < span[1] && span[0] < c.end)) continue;
      const masked = group === 0 ? redactValue(secret) : "********";
      fresh.push({
        kind,
        start: span[0],
        end: span[1],
        shown: text.slice(match.index, span[0]) + masked,
        masked,
      });
    }
    claimed.push(...fresh);
    claimed.sort((a, b) => a.start - b.start);
  }
  return claimed;
}

// Pieces of every pattern (and of the prefilter's words) in both cases, so generated texts hit
// matches, near misses and placeholders far more often than random characters would.
const piece = fc.constantFrom(
  "-----BEGIN ",
  "RSA PRIVATE KEY-----",
  "-----END RSA PRIVATE KEY-----",
  "AKIA",
  "asia",
  "IOSFODNN7EXAMPLE",
  "ghp_",
  "github_pat_",
  "xoxb-",
  "https://hooks.slack.com/services/",
  "sk_live_",
  "RK_TEST_",
  "eyJ",
  "eyJhbGciOiJIUzI1NiJ9",
  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig",
  "AKIAIOSFODNN7EXAMPLE",
  `ghp_${"a".repeat(36)}`,
  "xoxb-1234567890-abcdefghij",
  "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
  "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXX",
  "redis://:hunter2@cache",
  "password=hunter2!",
  "PASSWD: s3cr3t",
  "api-key=0123456789",
  'Auth_Token="abc"',
  ".",
  "://",
  "postgres://",
  "user:",
  "@",
  "Password",
  "passwd",
  "SECRET",
  "client-secret",
  "api_key",
  "ApiKey",
  "access-token",
  "private_key",
  "auth_token",
  "=",
  ": ",
  '"',
  "'",
  " ",
  "\n",
  "null",
  "${KEY}",
  "****",
  "abcdefghijklmnopqrstuvwxyz0123456789",
  "ABCDEFGHIJKLMNOP",
  "x",
  "é",
  "ſ",
  "K",
);

describe("findSecrets against its reference (matchAll, no prefilter)", () => {
  it("finds the same matches in texts built from pieces of the patterns", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join("");
        expect(findSecrets(text)).toEqual(referenceFindSecrets(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("finds the same matches in short texts, where one piece alone must get past the prefilter", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), (pieces) => {
        const text = pieces.join("");
        expect(findSecrets(text)).toEqual(referenceFindSecrets(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("finds the same matches in arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(findSecrets(text)).toEqual(referenceFindSecrets(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves no pattern's lastIndex behind: a second scan of the same text finds the same", () => {
    const text = `token=${"a".repeat(12)} AKIAIOSFODNN7EXAMPLE postgres://u:pw@h/db`;
    expect(findSecrets(text)).toEqual(findSecrets(text));
    expect(findSecrets(text)).toEqual(referenceFindSecrets(text));
  });
});
