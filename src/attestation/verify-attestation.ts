import type { KeyObject } from "node:crypto";
import { parseEnvelope, verifyEnvelope } from "./envelope.js";
import { GIT_SUBJECT, PAYLOAD_TYPE, PREDICATE_TYPE, STATEMENT_TYPE, type Statement } from "./statement.js";

export interface VerifyRequirements {
  /** Refuse anything but this verdict. */
  verdict?: "GO";
  /** Refuse an attestation about another commit: a full SHA or an abbreviation of 7+ hex digits. */
  commit?: string;
}

export type AttestationCheck =
  | { ok: true; statement: Statement; keyid: string }
  | { ok: false; reason: string; statement?: Statement };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The statement's own shape: the signature proves who wrote it, not that it is one of ours. */
function readStatement(payload: Buffer): Statement | string {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString("utf8"));
  } catch {
    return "the signed payload is not JSON";
  }
  if (!isRecord(value) || value._type !== STATEMENT_TYPE)
    return `the payload is not an in-toto ${STATEMENT_TYPE}`;
  if (value.predicateType !== PREDICATE_TYPE)
    return `predicateType is ${JSON.stringify(value.predicateType)}, not ${PREDICATE_TYPE}`;
  const predicate = value.predicate;
  if (
    !Array.isArray(value.subject) ||
    !isRecord(predicate) ||
    (predicate.verdict !== "GO" && predicate.verdict !== "NO-GO")
  )
    return "the statement has no subject or no verdict";
  return value as unknown as Statement;
}

function commitOf(statement: Statement): string | undefined {
  const subject = statement.subject.find((s) => s.name === GIT_SUBJECT);
  return subject?.digest.gitCommit;
}

function unmetRequirement(statement: Statement, wanted: VerifyRequirements): string | undefined {
  const { verdict } = statement.predicate;
  if (wanted.verdict && verdict !== wanted.verdict) return `the verdict is ${verdict}, not ${wanted.verdict}`;
  if (wanted.commit !== undefined) {
    const commit = commitOf(statement);
    if (commit === undefined) return `the attestation names no git commit (wanted ${wanted.commit})`;
    if (!commit.toLowerCase().startsWith(wanted.commit.toLowerCase()))
      return `the attestation is for commit ${commit}, not ${wanted.commit}`;
  }
  return undefined;
}

/**
 * Verifies an attestation file's text: envelope shape, payload type, the signature over the DSSE
 * PAE with `publicKey`, the statement's type, then the verdict and commit asked for. Never throws
 * for a bad attestation: the reason is the result.
 */
export function verifyAttestation(
  text: string,
  publicKey: KeyObject,
  wanted: VerifyRequirements = {},
): AttestationCheck {
  const envelope = parseEnvelope(text);
  if (typeof envelope === "string") return { ok: false, reason: envelope };
  const signed = verifyEnvelope(envelope, PAYLOAD_TYPE, publicKey);
  if (!signed.ok) return signed;
  const statement = readStatement(signed.payload);
  if (typeof statement === "string") return { ok: false, reason: statement };
  const unmet = unmetRequirement(statement, wanted);
  if (unmet) return { ok: false, reason: unmet, statement };
  return { ok: true, statement, keyid: signed.keyid };
}

export { commitOf as attestedCommit };
