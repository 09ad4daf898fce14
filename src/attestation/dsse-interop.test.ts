import { createPrivateKey, createPublicKey, type KeyObject, sign } from "node:crypto";
import { envelopeFromJSON, envelopeToJSON, toDSSEBundle } from "@sigstore/bundle";
import { dsse, crypto as sigstoreCrypto } from "@sigstore/core";
import { describe, expect, it } from "vitest";
import { consistentAssessment } from "../../test/support/sample-assessment.js";
import { toJsonReport } from "../report/json.js";
import { createAttestation } from "./create-attestation.js";
import { generateSigningKeyPair } from "./keys.js";
import { type AttestableRun, buildStatement, PAYLOAD_TYPE } from "./statement.js";
import { verifyAttestation } from "./verify-attestation.js";

/**
 * Interoperability with sigstore-js, an implementation of DSSE gonogo shares no code with: its
 * PAE (@sigstore/core) and its envelope writer and reader (@sigstore/bundle, the one npm's and
 * cosign-compatible bundles go through). The key is a fresh P-256 key for every run.
 */
function freshKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  const pem = generateSigningKeyPair();
  return { privateKey: createPrivateKey(pem.privateKeyPem), publicKey: createPublicKey(pem.publicKeyPem) };
}

function goRun(): AttestableRun {
  const report = toJsonReport(consistentAssessment("GO"));
  return { report, runId: "run-7", complete: true, git: { commit: "a".repeat(40) } };
}

/** An envelope written by sigstore-js: its PAE signed with `privateKey`, no key hint, so no keyid. */
function sigstoreEnvelope(payload: Buffer, privateKey: KeyObject): string {
  const signature = sign("sha256", dsse.preAuthEncoding(PAYLOAD_TYPE, payload), privateKey);
  const bundle = toDSSEBundle({ artifact: payload, artifactType: PAYLOAD_TYPE, signature });
  return JSON.stringify(envelopeToJSON(bundle.content.dsseEnvelope));
}

describe("DSSE interoperability with sigstore-js", () => {
  const { privateKey, publicKey } = freshKeys();
  const statement = Buffer.from(JSON.stringify(buildStatement(goRun())));

  it("verifies an envelope sigstore-js wrote, which has no keyid", () => {
    const text = sigstoreEnvelope(statement, privateKey);
    expect(JSON.parse(text).signatures).toEqual([{ sig: expect.any(String) }]);
    const result = verifyAttestation(text, publicKey, { verdict: "GO", commit: "a".repeat(40) });
    expect(result).toMatchObject({ ok: true, statement: { predicate: { verdict: "GO" } } });
  });

  it("refuses that envelope once its payload is changed, or when another key is given", () => {
    const envelope = JSON.parse(sigstoreEnvelope(statement, privateKey));
    const forged = Buffer.from(statement.toString().replace('"GO"', '"NO-GO"'));
    expect(forged.equals(statement)).toBe(false);
    const tampered = JSON.stringify({ ...envelope, payload: forged.toString("base64") });
    expect(verifyAttestation(tampered, publicKey)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^the signature does not verify/),
    });
    expect(verifyAttestation(JSON.stringify(envelope), freshKeys().publicKey).ok).toBe(false);
  });

  it("writes envelopes that sigstore-js reads and whose signature its PAE and verify accept", () => {
    const envelope = envelopeFromJSON(JSON.parse(createAttestation(goRun(), privateKey)));
    expect(envelope.payloadType).toBe(PAYLOAD_TYPE);
    expect(JSON.parse(envelope.payload.toString()).predicate.verdict).toBe("GO");
    const pae = dsse.preAuthEncoding(envelope.payloadType, envelope.payload);
    const [only] = envelope.signatures;
    expect(only && sigstoreCrypto.verify(pae, publicKey, only.sig, "sha256")).toBe(true);
    const otherPae = dsse.preAuthEncoding(
      envelope.payloadType,
      Buffer.concat([envelope.payload, Buffer.from(" ")]),
    );
    expect(only && sigstoreCrypto.verify(otherPae, publicKey, only.sig, "sha256")).toBe(false);
  });
});
