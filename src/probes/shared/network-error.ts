import type { Deadline } from "./deadline.js";

const CAUSE_BY_CODE: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by peer",
  EPIPE: "connection reset by peer",
  UND_ERR_SOCKET: "connection closed by the server before a complete response",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EADDRNOTAVAIL: "address not available",
};

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "EAI_NODATA"]);

const TIMEOUT_CODES = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** Certificate verification failures, by OpenSSL/node code, in words. */
export const CERTIFICATE_ERRORS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "self-signed certificate in the chain",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "issuer unknown (incomplete chain?)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "issuer not among the trusted roots",
  UNABLE_TO_GET_ISSUER_CERT: "issuer certificate not found",
  CERT_HAS_EXPIRED: "certificate has expired",
  CERT_NOT_YET_VALID: "certificate is not yet valid",
  CERT_REVOKED: "certificate is revoked",
  CERT_UNTRUSTED: "certificate is not trusted",
  CERT_SIGNATURE_FAILURE: "certificate signature does not verify",
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate does not name this host",
};

/** `self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`; the bare code when it is not a known one. */
export function describeCertificateError(code: string): string {
  const words = CERTIFICATE_ERRORS[code];
  return words === undefined ? code : `${words} (${code})`;
}

/**
 * The cause of a failed connection or request in words a user can act on:
 * "connection refused", "DNS lookup failed for db.internal", "timed out after 2s",
 * "TLS certificate rejected: self-signed certificate". Looks through `cause` chains.
 */
export function describeNetworkError(error: unknown, deadline: Deadline): string {
  if (deadline.signal.aborted) return deadline.reason();
  for (const link of causeChain(error)) {
    const code = typeof link.code === "string" ? link.code : "";
    const known = CAUSE_BY_CODE[code];
    if (known) return known;
    if (DNS_CODES.has(code)) return `DNS lookup failed for ${link.hostname ?? "the host"} (${code})`;
    if (TIMEOUT_CODES.has(code)) return deadline.timeoutMessage;
    if (CERTIFICATE_ERRORS[code]) return `TLS certificate rejected: ${describeCertificateError(code)}`;
    if (code.startsWith("ERR_SSL_")) return `TLS handshake failed: ${sslReason(code)}`;
    if (code === "EPROTO") return `TLS handshake failed: ${link.message}`;
    if (code.startsWith("HPE_")) return `invalid HTTP response: ${link.message} (${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

interface ErrorLink {
  code?: unknown;
  hostname?: string;
  message: string;
}

function causeChain(error: unknown): ErrorLink[] {
  const chain: ErrorLink[] = [];
  let link: unknown = error;
  while (link instanceof Error && chain.length < 8) {
    chain.push(link as ErrorLink);
    link = link.cause;
  }
  return chain;
}

/** `ERR_SSL_WRONG_VERSION_NUMBER` -> `wrong version number` (OpenSSL's own message is a file path soup). */
function sslReason(code: string): string {
  return code.slice("ERR_SSL_".length).toLowerCase().replaceAll("_", " ");
}
