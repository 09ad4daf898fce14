import type { IncomingHttpHeaders } from "node:http";

/** Short name users write (`security_headers !contains "CSP"`) -> the response header it stands for. */
export const SECURITY_HEADERS: ReadonlyArray<readonly [name: string, header: string]> = [
  ["HSTS", "strict-transport-security"],
  ["CSP", "content-security-policy"],
  ["X-Content-Type-Options", "x-content-type-options"],
  ["X-Frame-Options", "x-frame-options"],
  ["Referrer-Policy", "referrer-policy"],
];

/**
 * Short names of the security headers the response lacks (an empty value counts as lacking).
 * `Content-Security-Policy-Report-Only` does not stand in for CSP: it enforces nothing.
 */
export function missingSecurityHeaders(headers: IncomingHttpHeaders): string[] {
  return SECURITY_HEADERS.filter(([, header]) => {
    const value = headers[header];
    const text = Array.isArray(value) ? value.join("") : value;
    return text === undefined || text.trim() === "";
  }).map(([name]) => name);
}
