import { type KeyObject, sign, verify } from "node:crypto";
import { decodeDsseBase64 } from "./base64.js";
import { keyIdOf } from "./keys.js";
import { preAuthEncoding } from "./pae.js";

/**
 * A DSSE envelope as JSON: `payload` and each `sig` are base64 (gonogo writes standard, reads
 * URL-safe too); `keyid` is an unauthenticated hint, "" when the envelope has none.
 */
export interface Envelope {
  payload: string;
  payloadType: string;
  signatures: { keyid: string; sig: string }[];
}

/**
 * Signs `payload` into a DSSE envelope: ECDSA P-256 over SHA-256 of the PAE, the signature in
 * ASN.1 DER (as cosign, sigstore and in-toto verifiers expect), keyid = sha256 of the SPKI DER.
 */
export function signEnvelope(payloadType: string, payload: Uint8Array, privateKey: KeyObject): Envelope {
  const sig = sign("sha256", preAuthEncoding(payloadType, payload), { key: privateKey, dsaEncoding: "der" });
  return {
    payloadType,
    payload: Buffer.from(payload).toString("base64"),
    signatures: [{ keyid: keyIdOf(privateKey), sig: sig.toString("base64") }],
  };
}

export type EnvelopeCheck = { ok: true; payload: Buffer; keyid: string } | { ok: false; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The envelope's shape, field by field: anything else in its place is a reason, not an exception.
 * As the spec's parsing rules ask, an unset keyid reads as "" and unknown fields are ignored.
 */
export function parseEnvelope(text: string): Envelope | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not a DSSE envelope: not valid JSON";
  }
  if (!isRecord(value)) return "not a DSSE envelope: not a JSON object";
  const { payload, payloadType, signatures } = value;
  if (typeof payload !== "string") return "not a DSSE envelope: no payload string";
  if (typeof payloadType !== "string") return "not a DSSE envelope: no payloadType string";
  if (!Array.isArray(signatures) || signatures.length === 0) return "not a DSSE envelope: no signatures";
  const sigs: Envelope["signatures"] = [];
  for (const entry of signatures) {
    if (!isRecord(entry) || typeof entry.sig !== "string")
      return "not a DSSE envelope: a signature without a sig string";
    const keyid = entry.keyid ?? "";
    if (typeof keyid !== "string") return "not a DSSE envelope: a signature whose keyid is not a string";
    sigs.push({ keyid, sig: entry.sig });
  }
  return { payload, payloadType, signatures: sigs };
}

/**
 * Checks an envelope against one public key: the payload type, then any signature that verifies
 * over the PAE with that key. The keyid is a hint the spec forbids basing a decision on: cosign
 * writes "", sigstore-js none, in-toto its own digest of the key, so every signature is tried and
 * the keyid only words the reason. Signatures by other keys are ignored, as DSSE allows.
 */
export function verifyEnvelope(envelope: Envelope, payloadType: string, publicKey: KeyObject): EnvelopeCheck {
  if (envelope.payloadType !== payloadType)
    return {
      ok: false,
      reason: `payloadType is ${JSON.stringify(envelope.payloadType)}, not ${payloadType}`,
    };
  const payload = decodeDsseBase64(envelope.payload);
  if (!payload) return { ok: false, reason: "payload is not base64 (standard or URL-safe, padded)" };
  const keyid = keyIdOf(publicKey);
  const pae = preAuthEncoding(envelope.payloadType, payload);
  for (const { sig } of envelope.signatures) {
    const bytes = decodeDsseBase64(sig);
    if (bytes && verifiesOver(pae, publicKey, bytes)) return { ok: true, payload, keyid };
  }
  if (envelope.signatures.every((s) => s.keyid !== "" && s.keyid !== keyid)) {
    const ids = envelope.signatures.map((s) => s.keyid.slice(0, 16)).join(", ");
    return { ok: false, reason: `not signed by this key (keyid ${keyid.slice(0, 16)}…; signed by ${ids}…)` };
  }
  return {
    ok: false,
    reason: "the signature does not verify: the attestation was changed or signed by another key",
  };
}

/**
 * ECDSA signatures come in two encodings of the same (r, s): ASN.1 DER, which gonogo, cosign and
 * in-toto write, and raw r||s (IEEE P1363), which the DSSE spec's own test vector and Web Crypto
 * use. Either proves the same thing, so both are read. OpenSSL may throw on a signature that does
 * not parse: that is a bad signature, not a bug.
 */
function verifiesOver(data: Buffer, publicKey: KeyObject, signature: Buffer): boolean {
  return (["der", "ieee-p1363"] as const).some((dsaEncoding) => {
    try {
      return verify("sha256", data, { key: publicKey, dsaEncoding }, signature);
    } catch {
      return false;
    }
  });
}
