import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRedactor } from "./create-redactor.js";
import { derivedForms, type SecretForm } from "./derived-forms.js";
import { maskText } from "./mask-text.js";
import { findSecrets, type SecretMatch } from "./secret-patterns.js";

// createRedactor as it was when its first pass rebuilt the value too: the reference the
// look-only first pass must agree with on every value.
function referenceRedactor(secrets: string[], mask = "***") {
  const known = [...new Set(secrets.filter((s) => s.length > 0))].flatMap(derivedForms);
  const contextual = (text: string, key: string | undefined) =>
    key === undefined ? text : `${key}: ${text}`;
  const scan = (text: string, key: string | undefined): SecretMatch[] => {
    if (key === undefined) return findSecrets(text);
    const offset = key.length + 2;
    return findSecrets(contextual(text, key)).flatMap((m) =>
      m.end <= offset ? [] : [{ ...m, start: Math.max(0, m.start - offset), end: m.end - offset }],
    );
  };
  const walk = (value: unknown, onString: (text: string, key: string | undefined) => string): unknown => {
    const visit = (item: unknown, key: string | undefined): unknown => {
      if (typeof item === "string") return onString(item, key);
      if (Array.isArray(item)) return item.map((entry) => visit(entry, key));
      if (item instanceof Map)
        return new Map(
          [...item].map(([k, v]) => [visit(k, undefined), visit(v, typeof k === "string" ? k : undefined)]),
        );
      if (ArrayBuffer.isView(item) || item === null || typeof item !== "object") return item;
      if (Object.getPrototypeOf(item) !== Object.prototype) return item;
      return Object.fromEntries(Object.entries(item).map(([k, v]) => [onString(k, undefined), visit(v, k)]));
    };
    return visit(value, undefined);
  };
  return (value: unknown): unknown => {
    const scanned = new Map<string, SecretMatch[]>();
    const found = new Set<string>();
    walk(value, (text, key) => {
      const matches = scanned.get(contextual(text, key)) ?? scan(text, key);
      scanned.set(contextual(text, key), matches);
      for (const match of matches) {
        const secret = text.slice(match.start, match.end);
        if (secret.length >= 8) found.add(secret);
      }
      return text;
    });
    const foundForms: SecretForm[] = [...found].map((text) => ({ text }));
    const masked = new Map<string, string>();
    return walk(value, (text, key) => {
      const cacheKey = contextual(text, key);
      let out = masked.get(cacheKey);
      if (out === undefined) {
        const matches = scanned.get(cacheKey) ?? scan(text, key);
        out = maskText(text, { known, matches, found: foundForms }, mask);
        masked.set(cacheKey, out);
      }
      return out;
    });
  };
}

const piece = fc.constantFrom(
  "password",
  "secret",
  "token",
  "=",
  ": ",
  " ",
  "hunter2-long-value",
  "AKIAIOSFODNN7EXAMPLE",
  "AKIAIOSF",
  "ODNN7EXAMPLE",
  "postgres://u:pw-12345678@db/x",
  "tok_3f9a/8c1d",
  "dG9rXzNmOWEvOGMxZA",
  "ok",
  "200",
);
const text = fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join(""));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    text,
    fc.integer(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(text, tie("value"), { maxKeys: 4 }),
    fc.array(fc.tuple(text, tie("value")), { maxLength: 3 }).map((entries) => new Map(entries)),
  ),
}));

describe("createRedactor against its reference (both passes rebuilding)", () => {
  it("masks every value the same way", () => {
    const secrets = ["tok_3f9a/8c1d", "hunter2-long-value"];
    const redact = createRedactor(secrets);
    const reference = referenceRedactor(secrets);
    fc.assert(
      fc.property(value, (v) => {
        expect(redact(v)).toEqual(reference(v));
      }),
      { numRuns: 3000 },
    );
  });
});
