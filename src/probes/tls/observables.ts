import type { ObservableSpec } from "../../core/observation.js";

export const tlsObservables: Record<string, ObservableSpec> = {
  days_left: {
    kind: "number",
    description: "days until the certificate expires, fractional; negative once expired",
  },
  valid: {
    kind: "boolean",
    description: "chain verifies against the system roots (or the given ca) and the certificate is in date",
  },
  protocol: { kind: "string", description: 'negotiated protocol, e.g. "TLSv1.3"' },
  issuer: { kind: "string", description: 'issuer CN and O, e.g. "CN=R11, O=Let\'s Encrypt"' },
  subject: { kind: "string", description: 'subject CN and O, e.g. "CN=api.example.com"' },
  hostname_ok: { kind: "boolean", description: "the certificate names the servername (or host)" },
  not_after: { kind: "string", description: "expiry as an ISO 8601 date-time" },
};
