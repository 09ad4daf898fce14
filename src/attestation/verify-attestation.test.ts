import { createPrivateKey, createPublicKey, type KeyObject, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { consistentAssessment } from "../../test/support/sample-assessment.js";
import { toJsonReport } from "../report/json.js";
import { createAttestation } from "./create-attestation.js";
import { generateSigningKeyPair, keyIdOf } from "./keys.js";
import { preAuthEncoding } from "./pae.js";
import { type AttestableRun, PAYLOAD_TYPE, type Statement } from "./statement.js";
import { verifyAttestation } from "./verify-attestation.js";

const COMMIT = "3f9a8c1d2e7b6a5f4c3d2e1f00112233445566aa";

function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  const pem = generateSigningKeyPair();
  return { privateKey: createPrivateKey(pem.privateKeyPem), publicKey: createPublicKey(pem.publicKeyPem) };
}

/** The sample run with a verdict that agrees with its items. */
function run(verdict: "GO" | "NO-GO", git: AttestableRun["git"] | null = { commit: COMMIT }): AttestableRun {
  const report = toJsonReport(consistentAssessment(verdict));
  return { report, runId: "run-42", complete: true, ...(git ? { git } : {}) };
}

describe("createAttestation and verifyAttestation", () => {
  const { privateKey, publicKey } = keyPair();
  const now = new Date("2026-11-23T17:00:00Z");
  const go = createAttestation(run("GO"), privateKey, now);

  it("writes an in-toto Statement v1 in a DSSE envelope, signed in DER over the PAE", () => {
    const envelope = JSON.parse(go);
    expect(Object.keys(envelope).sort()).toEqual(["payload", "payloadType", "signatures"]);
    expect(envelope.payloadType).toBe(PAYLOAD_TYPE);
    expect(envelope.signatures).toEqual([{ keyid: keyIdOf(publicKey), sig: expect.any(String) }]);
    const payload = Buffer.from(envelope.payload, "base64");
    const sig = Buffer.from(envelope.signatures[0].sig, "base64");
    expect(sig[0]).toBe(0x30); // an ASN.1 SEQUENCE: DER, not IEEE P1363
    expect(verify("sha256", preAuthEncoding(PAYLOAD_TYPE, payload), publicKey, sig)).toBe(true);
    const statement = JSON.parse(payload.toString()) as Statement;
    const report = run("GO").report;
    expect(statement).toMatchObject({
      _type: "https://in-toto.io/Statement/v1",
      subject: [
        { name: "checklist.md", digest: { sha256: report.checklist.sha256 } },
        { name: "git-commit", digest: { gitCommit: COMMIT } },
      ],
      predicateType: "https://gonogo.dev/readiness/v1",
      predicate: {
        verdict: "GO",
        runId: "run-42",
        attestedAt: "2026-11-23T17:00:00.000Z",
        git: { commit: COMMIT },
        summary: report.summary,
        gates: report.gates,
      },
    });
    expect(statement.predicate.items).toContainEqual({
      id: "launch-readiness/security/rate-limiting-enabled-on-api",
      status: "fail",
    });
    expect(statement.predicate.sections.map((s) => s.title)).toEqual([
      "Launch Readiness",
      "Security",
      "Performance",
      "Operations",
    ]);
  });

  it("verifies with the signer's public key, the GO verdict and the commit, in full or abbreviated", () => {
    expect(verifyAttestation(go, publicKey)).toMatchObject({ ok: true, keyid: keyIdOf(publicKey) });
    expect(verifyAttestation(go, publicKey, { verdict: "GO", commit: COMMIT }).ok).toBe(true);
    expect(verifyAttestation(go, publicKey, { commit: COMMIT.slice(0, 7).toUpperCase() }).ok).toBe(true);
  });

  it("fails when any single byte of the file is changed, but for the keyid: DSSE leaves it unsigned", () => {
    const bytes = Buffer.from(go);
    // The keyid is a hint the spec forbids relying on; a changed one (or a renamed field, read as
    // an unset keyid) changes nothing that was signed, so it may survive and nothing else may.
    const hint = go.match(/"keyid": "[0-9a-f]+"/);
    expect(hint).not.toBeNull();
    const inHint = (i: number) =>
      hint?.index !== undefined && i >= hint.index && i < hint.index + hint[0].length;
    const survivors: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      for (const mask of [0x01, 0x20]) {
        const changed = Buffer.from(bytes);
        changed[i] = (changed[i] ?? 0) ^ mask;
        if (!inHint(i) && verifyAttestation(changed.toString("latin1"), publicKey).ok) survivors.push(i);
      }
    }
    expect(survivors).toEqual([]);
  });

  it("fails for another key, another commit, a NO-GO when GO is required, and no commit when one is asked", () => {
    expect(verifyAttestation(go, keyPair().publicKey)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not signed by this key/),
    });
    expect(verifyAttestation(go, publicKey, { commit: "0123456" })).toMatchObject({
      ok: false,
      reason: `the attestation is for commit ${COMMIT}, not 0123456`,
    });
    const noGo = createAttestation(run("NO-GO"), privateKey);
    expect(verifyAttestation(noGo, publicKey).ok).toBe(true);
    expect(verifyAttestation(noGo, publicKey, { verdict: "GO" })).toMatchObject({
      ok: false,
      reason: "the verdict is NO-GO, not GO",
    });
    const noCommit = createAttestation(run("GO", null), privateKey);
    expect(JSON.parse(Buffer.from(JSON.parse(noCommit).payload, "base64").toString()).subject).toHaveLength(
      1,
    );
    expect(verifyAttestation(noCommit, publicKey, { commit: COMMIT })).toMatchObject({
      ok: false,
      reason: `the attestation names no git commit (wanted ${COMMIT})`,
    });
  });

  it("fails for a signature moved onto another payload, a keyid swapped in, or another payload type", () => {
    const envelope = JSON.parse(go);
    const other = JSON.parse(createAttestation(run("NO-GO"), privateKey));
    const spliced = { ...other, signatures: envelope.signatures };
    expect(verifyAttestation(JSON.stringify(spliced), publicKey).ok).toBe(false);
    const retyped = { ...envelope, payloadType: "application/json" };
    expect(verifyAttestation(JSON.stringify(retyped), publicKey)).toMatchObject({
      ok: false,
      reason: 'payloadType is "application/json", not application/vnd.in-toto+json',
    });
    const intruder = keyPair();
    const forged = createAttestation(run("GO"), intruder.privateKey);
    const relabelled = JSON.parse(forged);
    relabelled.signatures[0].keyid = keyIdOf(publicKey);
    expect(verifyAttestation(JSON.stringify(relabelled), publicKey)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^the signature does not verify/),
    });
    for (const text of ["", "[]", "{}", '{"payload":"","payloadType":"x","signatures":[]}'])
      expect(verifyAttestation(text, publicKey).ok, text).toBe(false);
  });

  it("refuses to sign a report whose verdict disagrees with its own gates and items", () => {
    const forged = run("NO-GO");
    forged.report = { ...forged.report, verdict: "GO" };
    expect(() => createAttestation(forged, privateKey)).toThrow(
      'run #run-42: not signed: the report disagrees with itself: verdict is GO, but gate "overall" not ok',
    );
  });

  it("refuses to attest an interrupted run or a report without a verdict", () => {
    expect(() => createAttestation({ ...run("GO"), complete: false }, privateKey)).toThrow(
      "run #run-42 did not finish (interrupted): only a complete run can be attested",
    );
    const { verdict: _, ...status } = run("GO").report;
    expect(() => createAttestation({ report: status, runId: null, complete: true }, privateKey)).toThrow(
      /has no verdict/,
    );
  });
});
