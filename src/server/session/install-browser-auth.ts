import { randomBytes } from "node:crypto";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ServerContext } from "../context.js";
import { browserPrincipal, servedOverHttps, trustedProxies } from "./browser-principal.js";
import { CSRF_HEADER } from "./csrf-token.js";
import { signInRoutes } from "./sign-in-routes.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** A page or form for browsers: a session or a trusted proxy's user is recognised on it. */
    browser?: boolean;
  }
  interface FastifyRequest {
    /** The browser reached the server over https (directly or through a trusted proxy): cookies are Secure. */
    overHttps: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request acts through a cookie the browser sends by itself: a session, or a proxy's user. */
/** Pages and the API, where a session cookie or a trusted proxy may authenticate. */
function browserAuthenticated(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return route?.startsWith("/api/v1/") === true || request.routeOptions.config.browser === true;
}

function ambient(request: FastifyRequest): boolean {
  // Routes outside pages and the API never read a cookie (the controller gates read their own
  // token, Flagger's from the body): no ambient authority, so nothing for a CSRF token to guard.
  if (!browserAuthenticated(request)) return false;
  const via = request.principal?.via;
  if (via === "session" || via === "proxy") return true;
  // No principal: a form posted before signing in (sign-in itself), or a stale session cookie.
  return request.principal === null;
}

/**
 * Browser sign-in for `gonogo serve`: a session cookie opened with an API token (`/sign-in`), or a
 * person named by a trusted reverse proxy, sets `request.principal` for pages and for `/api/v1/`
 * alike (`require-token.ts` takes it when no Bearer token is sent). Every state-changing browser
 * request must carry the page's CSRF token (@fastify/csrf-protection: a secret in a signed,
 * HttpOnly cookie, the token in the form or the `X-CSRF-Token` header), else 403; Bearer
 * requests need none, as no browser sends them by itself. Register before `requireToken`: hooks
 * run in the order they are added, and the cookie must be parsed first.
 */
export async function installBrowserAuth(app: FastifyInstance, context: ServerContext): Promise<void> {
  const auth = context.config.auth;
  const proxies = trustedProxies(auth.trustedProxies);
  // Signs the CSRF cookie. One random secret per process unless GONOGO_COOKIE_SECRET is set, which
  // several instances behind one name must share (a restart otherwise just asks for a reload).
  const secret = context.env.GONOGO_COOKIE_SECRET || randomBytes(32).toString("hex");
  await app.register(cookie, { secret });
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(csrf, {
    cookieOpts: { path: "/", sameSite: "strict", httpOnly: true, signed: true },
    getToken: (request) => {
      const header = request.headers[CSRF_HEADER];
      const field = (request.body as { _csrf?: unknown } | undefined)?._csrf;
      return typeof header === "string" ? header : typeof field === "string" ? field : "";
    },
  });
  // Worked out when a cookie is set (sign-in, a page's CSRF secret), not on every request.
  app.decorateRequest("overHttps", {
    getter(this: FastifyRequest) {
      return servedOverHttps(this, proxies);
    },
  });
  // A callback hook: a Bearer request (the API, a polled gate) leaves it without making a promise.
  app.addHook("onRequest", (request, _reply, done) => {
    // A Bearer token speaks for itself (require-token.ts); a browser is recognised here.
    // Only pages and the API: health, metrics and OpenAPI stay open and never look at cookies.
    if (request.headers.authorization !== undefined || !browserAuthenticated(request)) return done();
    browserPrincipal(request, { store: context.store, auth, proxies, now: context.now() }).then(
      (principal) => {
        request.principal = principal;
        done();
      },
      (error: Error) => done(error),
    );
  });
  app.addHook("preHandler", (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (SAFE_METHODS.has(request.method) || !ambient(request)) return done();
    app.csrfProtection(request, reply, done);
  });
  await signInRoutes(app, context);
}
