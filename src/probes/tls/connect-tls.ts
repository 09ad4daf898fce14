import { X509Certificate } from "node:crypto";
import type { BlockList } from "node:net";
import { connect, type DetailedPeerCertificate } from "node:tls";
import type { TlsEndpoint } from "./endpoint.js";

/** What one handshake showed: the certificate, whether its chain verified, the protocol agreed. */
export interface TlsHandshake {
  certificate: DetailedPeerCertificate;
  x509: X509Certificate;
  /** Chain verified against the roots (or the given CA); hostname is judged separately. */
  authorized: boolean;
  /** OpenSSL's code when not authorized: `DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`, ... */
  authorizationError?: string;
  protocol: string | null;
  cipher: string;
}

/**
 * Connects, completes the handshake and hangs up. An untrusted certificate is still a handshake
 * (we want to measure it); a refused connection, a failed handshake or the signal rejects.
 */
export function handshake(
  endpoint: TlsEndpoint,
  signal: AbortSignal,
  /** The caller's block list, checked on the resolved address (a server's network policy). */
  policy: { blockList?: BlockList } = {},
): Promise<TlsHandshake> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      ...policy,
      host: endpoint.host,
      port: endpoint.port,
      ...(endpoint.servername !== undefined && { servername: endpoint.servername }),
      ...(endpoint.ca !== undefined && { ca: endpoint.ca }),
      rejectUnauthorized: false,
      // Keeps `authorized` about the chain alone; hostname_ok is observed on its own.
      checkServerIdentity: () => undefined,
    });
    const onAbort = () =>
      socket.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    const settle = () => signal.removeEventListener("abort", onAbort);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    socket.once("error", (error) => {
      settle();
      reject(error);
    });
    socket.once("secureConnect", () => {
      settle();
      const certificate = socket.getPeerCertificate(true);
      // Parsed from the DER here: after getPeerX509Certificate(), node 24 returns an empty
      // object from getPeerCertificate(), which tls.checkServerIdentity needs.
      const result = certificate.raw && {
        certificate,
        x509: new X509Certificate(certificate.raw),
        authorized: socket.authorized,
        ...(socket.authorizationError && { authorizationError: String(socket.authorizationError) }),
        protocol: socket.getProtocol(),
        cipher: socket.getCipher().name,
      };
      socket.destroy();
      if (result) resolve(result);
      else reject(new Error("the server sent no certificate"));
    });
  });
}
