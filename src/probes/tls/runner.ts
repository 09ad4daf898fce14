import { startDeadline } from "../shared/deadline.js";
import { describeNetworkError } from "../shared/network-error.js";
import { policyConnectOptions, refusedHost } from "../shared/network-policy.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import { observeCertificate } from "./certificate-observations.js";
import type { TlsConfig } from "./config.js";
import { handshake } from "./connect-tls.js";
import { resolveEndpoint } from "./endpoint.js";

/** Does one handshake and reads the certificate and protocol. */
export async function run(config: TlsConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const endpoint = resolveEndpoint(config, ctx);
  const evidence = { host: endpoint.host, port: endpoint.port, servername: endpoint.expectedName };
  const refused = await refusedHost(endpoint.host, ctx);
  if (refused !== undefined)
    return { observations: {}, evidence, error: `${endpoint.host}:${endpoint.port}: ${refused}` };
  const deadline = startDeadline(ctx);
  try {
    return observeCertificate(
      await handshake(endpoint, deadline.signal, policyConnectOptions(ctx)),
      endpoint,
    );
  } catch (error) {
    const named = endpoint.expectedName === endpoint.host ? "" : ` (${endpoint.expectedName})`;
    const address = `${endpoint.host}:${endpoint.port}${named}`;
    return {
      observations: {},
      evidence,
      error: `${address}: ${describeNetworkError(error, deadline)}`,
    };
  } finally {
    deadline.dispose();
  }
}
