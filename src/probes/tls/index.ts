import { startDeadline } from "../shared/deadline.js";
import { describeNetworkError } from "../shared/network-error.js";
import type { Probe, ProbeContext, ProbeResult } from "../types.js";
import { observeCertificate } from "./certificate-observations.js";
import { type TlsConfig, tlsConfigSchema } from "./config.js";
import { handshake } from "./connect-tls.js";
import { resolveEndpoint } from "./endpoint.js";
import { tlsObservables } from "./observables.js";

/** `tls:` — one handshake; observes the certificate's expiry, trust, names and the protocol. */
const tlsProbe: Probe<TlsConfig> = {
  name: "tls",
  targetNeeds: "url",
  configSchema: tlsConfigSchema,
  observables: tlsObservables,
  run: runTlsProbe,
};

export default tlsProbe;

async function runTlsProbe(config: TlsConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const endpoint = resolveEndpoint(config, ctx);
  const deadline = startDeadline(ctx);
  try {
    return observeCertificate(await handshake(endpoint, deadline.signal), endpoint);
  } catch (error) {
    const named = endpoint.expectedName === endpoint.host ? "" : ` (${endpoint.expectedName})`;
    const address = `${endpoint.host}:${endpoint.port}${named}`;
    return {
      observations: {},
      evidence: { host: endpoint.host, port: endpoint.port, servername: endpoint.expectedName },
      error: `${address}: ${describeNetworkError(error, deadline)}`,
    };
  } finally {
    deadline.dispose();
  }
}
