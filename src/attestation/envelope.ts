import { type KeyObject, sign, verify } from "node:crypto";
import { decodeBase64Strict } from "./base64.js";
import { keyIdOf } from "./keys.js";
import { preAuthEncoding } from "./pae.js";

/** A DSSE envelope as JSON: `payload` and each `sig` are standard base64. */
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

/** The envelope's shape, field by field: anything else in its place is a reason, not an exception. */
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
    if (!isRecord(entry) || typeof entry.sig !== "string" || typeof entry.keyid !== "string")
      return "not a DSSE envelope: a signature without keyid and sig strings";
    sigs.push({ keyid: entry.keyid, sig: entry.sig });
  }
  return { payload, payloadType, signatures: sigs };
}

/**
 * Checks an envelope against one public key: the payload type, then a signature whose keyid is the
 * key's own and which verifies over the PAE. Signatures by other keys are ignored, as DSSE allows.
 */
export function verifyEnvelope(envelope: Envelope, payloadType: string, publicKey: KeyObject): EnvelopeCheck {
  if (envelope.payloadType !== payloadType)
    return {
      ok: false,
      reason: `payloadType is ${JSON.stringify(envelope.payloadType)}, not ${payloadType}`,
    };
  const payload = decodeBase64Strict(envelope.payload);
  if (!payload) return { ok: false, reason: "payload is not canonical base64" };
  const keyid = keyIdOf(publicKey);
  const mine = envelope.signatures.filter((s) => s.keyid === keyid);
  if (mine.length === 0) {
    const ids = envelope.signatures.map((s) => s.keyid.slice(0, 16)).join(", ");
    return { ok: false, reason: `not signed by this key (keyid ${keyid.slice(0, 16)}…; signed by ${ids}…)` };
  }
  const pae = preAuthEncoding(envelope.payloadType, payload);
  for (const { sig } of mine) {
    const bytes = decodeBase64Strict(sig);
    if (bytes && verifiesOver(pae, publicKey, bytes)) return { ok: true, payload, keyid };
  }
  return {
    ok: false,
    reason: "the signature does not verify: the attestation was changed or signed by another key",
  };
}

// OpenSSL may throw on a signature whose DER does not parse: that is a bad signature, not a bug.
function verifiesOver(data: Buffer, publicKey: KeyObject, signature: Buffer): boolean {
  try {
    return verify("sha256", data, { key: publicKey, dsaEncoding: "der" }, signature);
  } catch {
    return false;
  }
}
