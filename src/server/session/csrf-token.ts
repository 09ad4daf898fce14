import type { FastifyReply, FastifyRequest } from "fastify";

/** The header a page's script sends its CSRF token in (forms send the `_csrf` field). */
export const CSRF_HEADER = "x-csrf-token";

/** A CSRF token for the page being rendered (sets the signed secret cookie on its first use). */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ secure: request.overHttps });
}
