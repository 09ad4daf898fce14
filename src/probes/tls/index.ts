import type { Probe } from "../types.js";
import { type TlsConfig, tlsConfigSchema } from "./config.js";
import { tlsObservables } from "./observables.js";

/** `tls:` — one handshake; observes the certificate's expiry, trust, names and the protocol. */
const tlsProbe: Probe<TlsConfig> = {
  name: "tls",
  targetNeeds: "url",
  configSchema: tlsConfigSchema,
  observables: tlsObservables,
  loadRunner: () => import("./runner.js"),
};

export default tlsProbe;
