import { describe, expect, it } from "vitest";
import { createRedactor } from "./redact.js";

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
