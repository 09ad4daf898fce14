import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { authenticate } from "../auth/index.js";
import type { ServerContext } from "../context.js";
import { signInPage } from "../pages/sign-in-page.js";
import { csrfTokenFor } from "./csrf-token.js";
import { hashSessionId, newSessionId, SESSION_COOKIE } from "./session-id.js";

interface SignInBody {
  token?: string;
  next?: string;
}

/** Where to go after signing in: a path of this server only, never `//elsewhere` or a URL. */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?![/\\])/.test(next) ? next : "/";
}

function showSignIn(request: FastifyRequest, reply: FastifyReply, next: string, error?: string) {
  return reply
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(signInPage({ csrf: csrfTokenFor(request, reply), next, ...(error !== undefined && { error }) }));
}

/**
 * `/sign-in`: a person pastes an API token; it is checked as the API checks it and, if good, a
 * session opens: a random id in an HttpOnly cookie (SameSite=Lax, Secure over https, expiring
 * with the session), its hash in the store. The token is not kept in the browser. `/sign-out` ends it.
 */
export async function signInRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store, config } = context;
  app.get<{ Querystring: { next?: string } }>(
    "/sign-in",
    { config: { browser: true }, schema: { hide: true } },
    async (request, reply) => showSignIn(request, reply, safeNext(request.query.next)),
  );

  app.post<{ Body: SignInBody }>(
    "/sign-in",
    { config: { browser: true }, schema: { hide: true } },
    async (request, reply) => {
      const next = safeNext(request.body?.next);
      const presented = (request.body?.token ?? "").trim();
      const now = context.now();
      const result = await authenticate(store, presented, now);
      if (!result.ok) return showSignIn(request, reply.code(401), next, result.message);
      const id = newSessionId();
      const sessionEnds = Math.min(
        now.getTime() + config.auth.sessionMs,
        await tokenExpiry(context, result.principal.prefix),
      );
      await store.addSession({
        idHash: hashSessionId(id),
        tokenPrefix: result.principal.prefix,
        createdAt: now.toISOString(),
        expiresAt: new Date(sessionEnds).toISOString(),
      });
      return reply
        .setCookie(SESSION_COOKIE, id, {
          path: "/",
          httpOnly: true,
          sameSite: "lax",
          secure: request.overHttps,
          expires: new Date(sessionEnds),
        })
        .redirect(next, 303);
    },
  );

  app.post("/sign-out", { config: { browser: true }, schema: { hide: true } }, async (request, reply) => {
    const id = request.cookies[SESSION_COOKIE];
    if (id) await store.deleteSession(hashSessionId(id));
    return reply.clearCookie(SESSION_COOKIE, { path: "/" }).redirect("/sign-in", 303);
  });
}

/** A session ends no later than the token it was opened with. */
async function tokenExpiry(context: ServerContext, prefix: string): Promise<number> {
  const token = await context.store.findApiToken(prefix);
  return token?.expiresAt ? Date.parse(token.expiresAt) : Number.POSITIVE_INFINITY;
}
