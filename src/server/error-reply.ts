import type { FastifyError, FastifyInstance } from "fastify";
import { httpStatusOf } from "../core/error-http-status.js";
import { type ErrorKind, isGonogoError } from "../core/errors.js";

/**
 * The body of every error answer: `{ "error": { "kind", "message" } }`. `kind` is a GonogoError's
 * kind, or `internal` for a bug (500), whose message never carries a stack or a cause.
 */
export interface ErrorBody {
  error: { kind: ErrorKind | "internal"; message: string; details?: string[] };
}

export function errorBody(
  kind: ErrorBody["error"]["kind"],
  message: string,
  details: string[] = [],
): ErrorBody {
  return { error: { kind, message, ...(details.length > 0 && { details }) } };
}

/**
 * Turns every error into that body with its status: a GonogoError by its kind
 * (`core/error-http-status.ts`), a request Fastify refused (bad query, body too large, bad JSON)
 * as `usage` with Fastify's 4xx, anything else as a 500 that says no more than "internal error".
 * Unknown routes answer 404 in the same shape.
 */
export function installErrorReplies(app: FastifyInstance, log: (line: string) => void): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isGonogoError(error)) {
      // RFC 6750: a 401 names the scheme the client should answer with.
      if (error.kind === "unauthenticated") reply.header("www-authenticate", "Bearer");
      return reply.code(httpStatusOf(error.kind)).send(errorBody(error.kind, error.message, error.details));
    }
    // @fastify/csrf-protection's refusals (FST_CSRF_MISSING_SECRET, FST_CSRF_INVALID_TOKEN).
    if (error.code?.startsWith("FST_CSRF_"))
      return reply
        .code(403)
        .send(
          errorBody(
            "forbidden",
            "this browser request needs the page's CSRF token (the _csrf field or an X-CSRF-Token header): reload the page and try again",
          ),
        );
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's validation messages name the part of the request: "querystring/limit must be <= 100".
      return reply.code(status).send(errorBody("usage", error.message));
    }
    // A bug: the stack goes to the server's log, never to the client.
    log(`internal error on ${request.method} ${request.url}: ${error.stack ?? String(error)}`);
    return reply.code(500).send(errorBody("internal", "internal error (see the server's log)"));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody("not-found", `no route ${request.method} ${request.url.split("?")[0]}`)),
  );
}
