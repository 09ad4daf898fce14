import type { ObservableSpec } from "../../core/observation.js";

export const httpObservables: Record<string, ObservableSpec> = {
  status: { kind: "number", description: "HTTP status code of the final response" },
  latency: {
    kind: "duration",
    description: "time from sending the request to the end of the body (or to max_body when cut there)",
  },
  size: { kind: "size", description: "body bytes received, counted up to max_body" },
  body: {
    kind: "string",
    description: "the body as UTF-8 text, up to max_body (judged as received; reports mask secrets)",
  },
  json: {
    kind: "any",
    form: "path",
    description:
      "a value in the JSON body: json.data[0].id; absent when the body is not JSON or the field is missing",
  },
  header: {
    kind: "string",
    form: "path",
    description: "a response header, case-insensitive: header.content-type; absent when not sent",
  },
  redirect: {
    kind: "string",
    description: "Location header when not following redirects, else the final URL; null without a redirect",
  },
  secrets: {
    kind: "number",
    description: "secret-looking strings in headers and body (cloud keys, tokens, private keys, passwords)",
  },
  security_headers: {
    kind: "list",
    description:
      "missing security headers among HSTS, CSP, X-Content-Type-Options, X-Frame-Options, Referrer-Policy",
  },
};
