import { describe, expect, it } from "vitest";
import { preAuthEncoding } from "./pae.js";

describe("preAuthEncoding", () => {
  it("matches the DSSE spec's worked example byte for byte", () => {
    const pae = preAuthEncoding("http://example.com/HelloWorld", Buffer.from("hello world"));
    expect(pae.toString("utf8")).toBe("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  });

  it("counts bytes, not characters, and keeps a binary payload as it is", () => {
    const payload = Buffer.from([0, 255, 32, 10]);
    const pae = preAuthEncoding("application/é", payload);
    expect(pae.subarray(0, -4).toString("utf8")).toBe("DSSEv1 14 application/é 4 ");
    expect([...pae.subarray(-4)]).toEqual([0, 255, 32, 10]);
  });
});
