import { describe, expect, it } from "vitest";
import { missingSecurityHeaders } from "./security-headers.js";

describe("missingSecurityHeaders", () => {
  it("names what is missing; an empty value or a report-only CSP does not count", () => {
    const headers = {
      "strict-transport-security": "max-age=1",
      "content-security-policy-report-only": "default-src 'self'",
      "x-content-type-options": " ",
      "x-frame-options": "SAMEORIGIN",
    };
    expect(missingSecurityHeaders(headers)).toEqual(["CSP", "X-Content-Type-Options", "Referrer-Policy"]);
  });
});
