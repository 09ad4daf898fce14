import { createPublicKey, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type EnvelopeCheck, parseEnvelope, verifyEnvelope } from "./envelope.js";
import { generateSigningKeyPair } from "./keys.js";

/**
 * The test vector published in the DSSE spec (protocol.md, "Test Vectors"): ECDSA P-256 over
 * SHA-256, the signature as raw r||s, standard base64, and no keyid at all.
 */
const SPEC = {
  payloadType: "http://example.com/HelloWorld",
  payload: "aGVsbG8gd29ybGQ=",
  sig: "A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==",
  x: 46950820868899156662930047687818585632848591499744589407958293238635476079160n,
  y: 5640078356564379163099075877009565129882514886557779369047442380624545832820n,
};

function coordinate(value: bigint): string {
  return Buffer.from(value.toString(16).padStart(64, "0"), "hex").toString("base64url");
}

const specKey: KeyObject = createPublicKey({
  key: { kty: "EC", crv: "P-256", x: coordinate(SPEC.x), y: coordinate(SPEC.y) },
  format: "jwk",
});

/** The spec's envelope as JSON text, with its signature entry replaced by `signature`. */
function specEnvelope(
  signature: Record<string, unknown> = { sig: SPEC.sig },
  payload = SPEC.payload,
): string {
  return JSON.stringify({ payload, payloadType: SPEC.payloadType, signatures: [signature] });
}

function check(text: string, key: KeyObject = specKey): EnvelopeCheck {
  const envelope = parseEnvelope(text);
  if (typeof envelope === "string") return { ok: false, reason: envelope };
  return verifyEnvelope(envelope, SPEC.payloadType, key);
}

const urlSafe = (text: string) => text.replaceAll("+", "-").replaceAll("/", "_");

describe("verifyEnvelope on the DSSE spec's test vector", () => {
  it("accepts the published envelope as it stands: no keyid, a raw r||s signature", () => {
    const result = check(specEnvelope());
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.payload.toString()).toBe("hello world");
  });

  it("accepts the same envelope with URL-safe base64 in payload and sig, as verifiers MUST", () => {
    expect(urlSafe(SPEC.sig)).not.toBe(SPEC.sig); // the vector's sig holds '+' and '/'
    expect(check(specEnvelope({ sig: urlSafe(SPEC.sig) }, urlSafe(SPEC.payload))).ok).toBe(true);
  });

  it('treats an empty or null keyid (cosign writes "") as unset', () => {
    expect(check(specEnvelope({ keyid: "", sig: SPEC.sig })).ok).toBe(true);
    expect(check(specEnvelope({ keyid: null, sig: SPEC.sig })).ok).toBe(true);
  });

  it("ignores fields it does not know, as the spec's parsing rules ask", () => {
    expect(check(specEnvelope({ sig: SPEC.sig, cert: "x" })).ok).toBe(true);
  });

  it("refuses a changed payload, a changed signature, another key, a mix of alphabets", () => {
    const changedPayload = Buffer.from("hello world!").toString("base64");
    expect(check(specEnvelope({ sig: SPEC.sig }, changedPayload))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^the signature does not verify/),
    });
    const changedSig = `B${SPEC.sig.slice(1)}`;
    expect(check(specEnvelope({ sig: changedSig })).ok).toBe(false);
    const other = createPublicKey(generateSigningKeyPair().publicKeyPem);
    expect(check(specEnvelope(), other).ok).toBe(false);
    const mixed = SPEC.sig.replace("+", "-"); // one '-' beside the standard '/' and '+'
    expect(check(specEnvelope({ sig: mixed })).ok).toBe(false);
  });

  it("refuses a keyid that is not a string, and a payload that is no base64 at all", () => {
    expect(check(specEnvelope({ keyid: 7, sig: SPEC.sig }))).toMatchObject({
      ok: false,
      reason: "not a DSSE envelope: a signature whose keyid is not a string",
    });
    expect(check(specEnvelope({ sig: SPEC.sig }, "aGVsbG8gd29ybGQ"))).toMatchObject({
      ok: false,
      reason: "payload is not base64 (standard or URL-safe, padded)",
    });
  });
});
