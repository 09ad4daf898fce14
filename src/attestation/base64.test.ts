import { describe, expect, it } from "vitest";
import { decodeBase64Strict } from "./base64.js";

describe("decodeBase64Strict", () => {
  it("decodes canonical standard base64", () => {
    expect(decodeBase64Strict("aGk=")?.toString()).toBe("hi");
    expect(decodeBase64Strict("")?.length).toBe(0);
  });

  it("refuses every spelling Node would quietly accept: stray padding bits, junk, missing padding, url-safe", () => {
    expect(Buffer.from("aGl=", "base64").toString()).toBe("hi"); // what Node does
    for (const text of ["aGl=", "aG!k=", "aGk", "aG k=", "a-_k", "aGk==", "=aGk"])
      expect(decodeBase64Strict(text), text).toBeNull();
  });
});
