import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSigningKeyPair, keyIdOf, loadPrivateKey, loadPublicKey } from "./keys.js";

describe("signing keys", () => {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-keys-"));

  it("generates P-256 keys whose keyid is the sha256 of the public key's SPKI DER", async () => {
    const pair = generateSigningKeyPair();
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(pair.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    writeFileSync(join(dir, "k.pem"), pair.privateKeyPem);
    writeFileSync(join(dir, "k.pub.pem"), pair.publicKeyPem);
    const privateKey = await loadPrivateKey(join(dir, "k.pem"));
    const publicKey = await loadPublicKey(join(dir, "k.pub.pem"));
    const der = createPublicKey(pair.publicKeyPem).export({ type: "spki", format: "der" });
    expect(keyIdOf(publicKey)).toBe(createHash("sha256").update(der).digest("hex"));
    expect(keyIdOf(privateKey)).toBe(keyIdOf(publicKey));
  });

  it("refuses other key types and unreadable files with one clear line", async () => {
    const ed = generateKeyPairSync("ed25519", {
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const p384 = generateKeyPairSync("ec", {
      namedCurve: "secp384r1",
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
    });
    writeFileSync(join(dir, "ed.pem"), ed.privateKey);
    writeFileSync(join(dir, "p384.pub.pem"), p384.publicKey);
    writeFileSync(join(dir, "junk.pem"), "not a key");
    await expect(loadPrivateKey(join(dir, "ed.pem"))).rejects.toThrow(
      /ed25519 key; gonogo signs with ECDSA P-256/,
    );
    await expect(loadPublicKey(join(dir, "p384.pub.pem"))).rejects.toThrow(/secp384r1 key/);
    await expect(loadPublicKey(join(dir, "junk.pem"))).rejects.toThrow(/not a PEM public key/);
    await expect(loadPrivateKey(join(dir, "missing.pem"))).rejects.toThrow(
      /cannot read the private key: ENOENT/,
    );
  });

  it("calls a missing key not-found and a key that is not one bad input, keeping the low-level error", async () => {
    writeFileSync(join(dir, "junk.pem"), "not a key");
    await expect(loadPublicKey(join(dir, "missing.pub.pem"))).rejects.toMatchObject({
      kind: "not-found",
      cause: expect.objectContaining({ code: "ENOENT" }),
    });
    await expect(loadPrivateKey(join(dir, "junk.pem"))).rejects.toMatchObject({
      kind: "input",
      cause: expect.any(Error),
    });
  });
});
