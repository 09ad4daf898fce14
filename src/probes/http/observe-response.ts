import type { IncomingHttpHeaders } from "node:http";
import type { ObservableRef } from "../../core/observation.js";
import type { ProbeResult } from "../types.js";
import { partialObservations } from "./partial-observations.js";
import { observePaths } from "./path-observations.js";
import type { CappedBody } from "./read-capped-body.js";
import { scanResponseForSecrets } from "./response-secrets.js";
import { missingSecurityHeaders, SECURITY_HEADERS } from "./security-headers.js";

export interface ReadResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: CappedBody;
  /** The `max_body` the body was read to. */
  maxBody: number;
  latencyMs: number;
  /** Location when not following redirects, else the final URL; null when there was no redirect. */
  redirect: string | null;
}

const EXCERPT_CHARS = 2048;

// Headers worth keeping as evidence; cookies and the like stay out of reports.
const EVIDENCE_HEADERS = [
  "content-type",
  "content-length",
  "content-encoding",
  "location",
  "server",
  "cache-control",
  ...SECURITY_HEADERS.map(([, header]) => header),
];

/** Observations and evidence of a response read to its end or to the cap. */
export function observeResponse(response: ReadResponse, requested: ObservableRef[]): ProbeResult {
  const bodyText = response.body.bytes.toString("utf8");
  const secrets = scanResponseForSecrets(response.headers, bodyText);
  const paths = observePaths(requested, {
    headers: response.headers,
    bodyText,
    truncated: response.body.truncated,
  });
  return {
    observations: {
      status: response.status,
      latency: { value: response.latencyMs, unit: "ms" },
      size: { value: response.body.bytes.length, unit: "B" },
      // Raw: expectations are judged on what was received; the engine masks what it reports.
      body: bodyText,
      redirect: response.redirect,
      secrets: secrets.count,
      security_headers: missingSecurityHeaders(response.headers),
      ...paths.observations,
    },
    partial: partialObservations(response.body, response.maxBody, paths.unreadable),
    evidence: {
      status: response.status,
      headers: evidenceHeaders(response.headers),
      body: bodyText.slice(0, EXCERPT_CHARS),
      truncated: response.body.truncated,
      ...(secrets.count > 0 && { secrets: secrets.listed }),
      ...(Object.keys(paths.absent).length > 0 && { absent: paths.absent }),
    },
  };
}

/** The subset of response headers kept in reports (the engine masks secrets in them). */
export function evidenceHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of EVIDENCE_HEADERS) {
    const value = headers[name];
    if (value !== undefined) kept[name] = [value].flat().join(", ");
  }
  return kept;
}
