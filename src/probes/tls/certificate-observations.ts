import { checkServerIdentity, type PeerCertificate } from "node:tls";
import { describeCertificateError } from "../shared/network-error.js";
import type { ProbeResult } from "../types.js";
import type { TlsHandshake } from "./connect-tls.js";
import type { TlsEndpoint } from "./endpoint.js";

const DAY_MS = 86_400_000;

/** Observations and evidence of one handshake, judged at `now`. */
export function observeCertificate(
  shake: TlsHandshake,
  endpoint: TlsEndpoint,
  now = new Date(),
): ProbeResult {
  const { x509, certificate } = shake;
  const notAfter = x509.validToDate;
  const invalid = invalidReasons(shake, now);
  const hostnameError = checkServerIdentity(endpoint.expectedName, certificate);
  return {
    observations: {
      days_left: (notAfter.getTime() - now.getTime()) / DAY_MS,
      valid: invalid.length === 0,
      protocol: shake.protocol,
      issuer: distinguishedName(certificate.issuer),
      subject: distinguishedName(certificate.subject),
      hostname_ok: hostnameError === undefined,
      not_after: notAfter.toISOString(),
    },
    evidence: {
      host: endpoint.host,
      port: endpoint.port,
      servername: endpoint.expectedName,
      ...(invalid.length > 0 && { invalid }),
      ...(hostnameError && { hostname: hostnameError.message }),
      subjectAltNames: certificate.subjectaltname ?? "",
      validFrom: x509.validFromDate.toISOString(),
      validTo: notAfter.toISOString(),
      serialNumber: x509.serialNumber,
      fingerprint256: x509.fingerprint256,
      cipher: shake.cipher,
    },
  };
}

/** Why the certificate is not valid, in words; empty when it is. */
function invalidReasons({ authorized, authorizationError: code, x509 }: TlsHandshake, now: Date): string[] {
  const reasons: string[] = [];
  if (!authorized) {
    reasons.push(code === undefined ? "chain not verified" : describeCertificateError(code));
  }
  // OpenSSL reports one error per chain; an untrusted certificate may be out of date as well.
  if (now > x509.validToDate && code !== "CERT_HAS_EXPIRED") {
    reasons.push(`certificate expired on ${x509.validToDate.toISOString()}`);
  }
  if (now < x509.validFromDate && code !== "CERT_NOT_YET_VALID") {
    reasons.push(`certificate not valid before ${x509.validFromDate.toISOString()}`);
  }
  return reasons;
}

/** `CN=example.test, O=Example Ltd`: the two parts people recognise a certificate by. */
function distinguishedName(name: PeerCertificate["subject"] | undefined): string {
  const parts: string[] = [];
  for (const key of ["CN", "O"] as const) {
    const value = name?.[key];
    if (value !== undefined) parts.push(`${key}=${[value].flat().join("+")}`);
  }
  return parts.join(", ");
}
