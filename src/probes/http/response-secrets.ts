import type { IncomingHttpHeaders } from "node:http";
import { findSecrets } from "../../redact/secret-patterns.js";

/** Evidence keeps the first few matches; the count covers them all. */
const MAX_LISTED = 20;

export interface FoundSecret {
  kind: string;
  /** `body` or `header <name>` */
  where: string;
  /** Redacted: `AKIA************MPLE` */
  match: string;
}

export interface ResponseSecrets {
  count: number;
  listed: FoundSecret[];
}

/** Scans response headers (as `name: value` lines) and the body for secret-looking strings. */
export function scanResponseForSecrets(headers: IncomingHttpHeaders, bodyText: string): ResponseSecrets {
  const found: FoundSecret[] = [];
  for (const [name, value] of Object.entries(headers)) {
    for (const line of [value ?? []].flat()) {
      const where = `header ${name}`;
      found.push(
        ...findSecrets(`${name}: ${line}`).map(({ kind, shown }) => ({ kind, where, match: shown })),
      );
    }
  }
  found.push(...findSecrets(bodyText).map(({ kind, shown }) => ({ kind, where: "body", match: shown })));
  return {
    count: found.length,
    listed: found.slice(0, MAX_LISTED),
  };
}
