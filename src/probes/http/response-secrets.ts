import type { IncomingHttpHeaders } from "node:http";
import { findSecrets, redactSecrets } from "./secrets.js";

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
  /** The body with every secret masked: what observations and evidence may show. */
  redactedBody: string;
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
  const inBody = findSecrets(bodyText);
  found.push(...inBody.map(({ kind, shown }) => ({ kind, where: "body", match: shown })));
  return {
    count: found.length,
    listed: found.slice(0, MAX_LISTED),
    redactedBody: redactSecrets(bodyText, inBody),
  };
}

/** A header value with secrets masked, for evidence. */
export function redactHeaderValue(name: string, value: string): string {
  const prefix = `${name}: `;
  return redactSecrets(prefix + value).slice(prefix.length);
}
