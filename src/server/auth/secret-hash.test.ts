import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DECOY_HASH, hashSecret, SCRYPT_COST, verifySecret } from "./secret-hash.js";

describe("hashSecret and verifySecret", () => {
  it("salts every hash, writes its cost into it, and checks the secret it was made from only", async () => {
    const [a, b] = await Promise.all([hashSecret("s3cret"), hashSecret("s3cret")]);
    expect(a).not.toBe(b);
    expect(a.startsWith(`scrypt$${SCRYPT_COST.N}$${SCRYPT_COST.r}$${SCRYPT_COST.p}$`)).toBe(true);
    expect(a).not.toContain("s3cret");
    expect(await verifySecret("s3cret", a)).toBe(true);
    expect(await verifySecret("s3cret", b)).toBe(true);
    expect(await verifySecret("s3creT", a)).toBe(false);
    expect(await verifySecret("", a)).toBe(false);
  });

  it("checks a hash made at another cost by the cost written in it", async () => {
    const cheap = "scrypt$1024$8$1$c2FsdA$";
    const key = scryptSync("old", Buffer.from("c2FsdA", "base64url"), 32, { N: 1024, r: 8, p: 1 });
    expect(await verifySecret("old", `${cheap}${key.toString("base64url")}`)).toBe(true);
  });

  it("is false for a hash it cannot read or that asks too much, never an exception or a minute's work", async () => {
    const key = "A".repeat(43);
    for (const stored of [
      "",
      "plain-text-secret",
      `scrypt$16385$8$1$c2FsdA$${key}`, // N not a power of two
      `scrypt$1073741824$8$1$c2FsdA$${key}`, // 2^30: a gigabyte-scale cost
      `scrypt$16384$99$1$c2FsdA$${key}`,
      "scrypt$16384$8$1$c2FsdA$short",
      DECOY_HASH,
    ])
      expect(await verifySecret("anything", stored), stored).toBe(false);
  });
});
