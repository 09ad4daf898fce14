import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64Cores, derivedForms } from "./derived-forms.js";

describe("base64Cores", () => {
  it("holds, at each byte alignment, exactly the characters the secret alone decides", () => {
    const bytes = fc.uint8Array({ minLength: 0, maxLength: 8 });
    const secret = fc.string({ minLength: 6, maxLength: 40 });
    fc.assert(
      fc.property(bytes, secret, bytes, (before, text, after) => {
        const whole = Buffer.concat([before, Buffer.from(text), after]).toString("base64");
        expect(whole).toContain(base64Cores(text)[before.length % 3]);
      }),
    );
  });
});

describe("derivedForms", () => {
  it("lists the secret first, then what differs from it", () => {
    const texts = derivedForms("a b/c").map((form) => form.text);
    expect(texts[0]).toBe("a b/c");
    expect(texts).toContain("a%20b%2Fc");
    expect(texts).toContain("a+b%2Fc");
  });

  it("leaves out base64 runs too short to be told from chance", () => {
    expect(derivedForms("abc").filter((form) => form.base64)).toEqual([]);
    expect(derivedForms("hunter2").filter((form) => form.base64).length).toBeGreaterThan(0);
  });
});
