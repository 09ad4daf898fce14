import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import helmet from "helmet";

/**
 * The headers helmet's defaults set (CSP, HSTS, X-Content-Type-Options, X-Frame-Options, ...),
 * worked out once: helmet run against a response that only records them. Its defaults read
 * nothing of the request, so every answer gets the same ones.
 */
export function helmetHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet()({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

/**
 * Helmet's headers on every answer, pages, API, gates and errors alike. @fastify/helmet built
 * helmet's middleware again on every request (parsing the CSP directives each time: about a sixth of a
 * gate request's CPU); these headers are the same each time, so they are set from one object.
 * Registered first, so an answer refused by a later hook (401, 429) carries them too.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  const headers = helmetHeaders();
  app.addHook("onRequest", function setSecurityHeaders(_request, reply, done) {
    reply.headers(headers);
    done();
  });
}
