import { describe, expect, it } from "vitest";
import { createRedactor } from "./create-redactor.js";

describe("createRedactor", () => {
  it("replaces every secret anywhere in a value, longest first", () => {
    const redact = createRedactor(["tok", "token-123"]);
    expect(redact({ a: "Bearer token-123", b: ["tok tok"], c: 5, "token-123": true })).toEqual({
      a: "Bearer ***",
      b: ["*** ***"],
      c: 5,
      "***": true,
    });
  });

  it("keeps Maps as Maps and leaves bytes alone", () => {
    const redact = createRedactor(["secret"]);
    const bytes = Uint8Array.from([1, 2]);
    const out = redact({ m: new Map([["k", "a secret"]]), bytes });
    expect(out.m.get("k")).toBe("a ***");
    expect(out.bytes).toBe(bytes);
  });
});

describe("createRedactor: derived forms", () => {
  const TOKEN = "tok_3f9a/8c1d+2e7b=6a5f";
  const QUOTED = 'pa"ss\\word-42';
  const redact = createRedactor([TOKEN, QUOTED, "alice:s3cret-pw"]);
  const b64 = (text: string) => Buffer.from(text).toString("base64");
  const b64url = (text: string) => Buffer.from(text).toString("base64url");

  it.each([
    ["URL-encoded", encodeURIComponent(TOKEN)],
    [
      "URL-encoded, lower-case hex",
      encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    ],
    ["escaped in a quoted string", JSON.stringify(QUOTED).slice(1, -1)],
    ["base64", b64(TOKEN)],
    ["base64 without padding", b64(TOKEN).replace(/=+$/, "")],
    ["base64url", b64url(TOKEN)],
    ["the Basic pair", `Basic ${b64("alice:s3cret-pw")}`],
    ["base64 at byte offset 1", b64(`x${TOKEN}yz`)],
    ["base64 at byte offset 2", b64(`xy${TOKEN}`)],
    ["base64url at byte offset 2, in a longer run", b64url(`{"user":"ops","token":"${TOKEN}","n":1}`)],
  ])("masks the secret %s, leaving no run of it", (_form, shown) => {
    const out = redact(`before ${shown} after`);
    expect(out).toContain("***");
    expect(out.startsWith("before ")).toBe(true);
    expect(out.endsWith(" after")).toBe(true);
    // No 6 characters in a row of what carried the secret survive, apart from what surrounds it.
    const carried = shown.replace(/^Basic /, "");
    const middle = carried.slice(Math.floor(carried.length / 2) - 3, Math.floor(carried.length / 2) + 3);
    expect(out).not.toContain(middle);
  });

  it("merges overlapping secrets into one mask, leaving nothing of either between or after", () => {
    const overlapping = createRedactor(["ABCDEFGH12", "EFGH12IJKL"]);
    expect(overlapping("..ABCDEFGH12IJKL..")).toBe("..***..");
  });

  it("masks the text a base64 secret encodes", () => {
    const encoded = createRedactor([b64("alice:s3cret-pw")]);
    expect(encoded("user alice:s3cret-pw logged in")).toBe("user *** logged in");
  });

  it("masks the start of a secret that ends a cut text and the end of one that begins it", () => {
    expect(redact(`body cut at the limit: ${TOKEN.slice(0, 12)}`)).toBe("body cut at the limit: ***");
    expect(redact(`${TOKEN.slice(-10)} rest of a tail`)).toBe("*** rest of a tail");
    // Shorter pieces tell little and would match ordinary text.
    expect(redact("ends with tok_3f")).toBe("ends with tok_3f");
  });

  it("masks secret-looking strings by their shape in any text, and their cut-off starts elsewhere", () => {
    const redactNone = createRedactor([]);
    const out = redactNone({
      stdout: "deploying with AKIAIOSFODNN7EXAMPLE",
      excerpt: "... key AKIAIOSFOD",
      "header.x-api-key": "k-0123456789",
    });
    expect(out).toEqual({
      stdout: "deploying with AKIA************MPLE",
      excerpt: "... key ***",
      "header.x-api-key": "********",
    });
  });

  it("keeps comparisons and readable text readable", () => {
    const redactNone = createRedactor(["production-eu"]);
    expect(redactNone('json.password == "x"')).toBe('json.password == "x"');
    expect(redactNone("deploy to production-eu on postgres")).toBe("deploy to *** on postgres");
  });
});
