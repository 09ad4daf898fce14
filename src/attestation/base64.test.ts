import { describe, expect, it } from "vitest";
import { decodeBase64Strict, decodeDsseBase64 } from "./base64.js";

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

describe("decodeDsseBase64", () => {
  it("accepts the standard and the URL-safe alphabet, each canonical and padded", () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xbf, 0x68, 0x69]);
    expect(decodeDsseBase64("+/+/aGk=")?.equals(bytes)).toBe(true);
    expect(decodeDsseBase64("-_-_aGk=")?.equals(bytes)).toBe(true);
  });

  it("refuses a mix of the two alphabets, missing padding, stray padding bits and junk", () => {
    for (const text of ["+_-/aGk=", "-_-_aGk", "aGl=", "aG!k=", "-_-_aG k="])
      expect(decodeDsseBase64(text), text).toBeNull();
  });
});
