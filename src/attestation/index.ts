export { decodeBase64Strict, decodeDsseBase64 } from "./base64.js";
export { createAttestation } from "./create-attestation.js";
export { type Envelope, parseEnvelope, signEnvelope, verifyEnvelope } from "./envelope.js";
export { generateSigningKeyPair, keyIdOf, loadPrivateKey, loadPublicKey } from "./keys.js";
export { preAuthEncoding } from "./pae.js";
export { loadReportRun } from "./run-input.js";
export {
  type AttestableRun,
  buildStatement,
  PAYLOAD_TYPE,
  PREDICATE_TYPE,
  type ReadinessPredicate,
  type Statement,
} from "./statement.js";
export {
  type AttestationCheck,
  attestedCommit,
  type VerifyRequirements,
  verifyAttestation,
} from "./verify-attestation.js";
