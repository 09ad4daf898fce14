import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GonogoError } from "../core/errors.js";
import type { Store } from "../store/index.js";
import { type AuthCache, authCache } from "./auth/auth-cache.js";
import { type Action, bearerToken, decide, decideRank, type Principal, type Resource } from "./auth/index.js";
import {
  type AuthFailureBudget,
  type AuthFailures,
  authFailures,
  refuseOverBudget,
} from "./auth-failures.js";

/** The part of the URL space that needs a token; health, metrics and OpenAPI stay open for probes. */
export const API_PREFIX = "/api/v1/";

/** OpenAPI: the security scheme API routes name (`security: API_TOKEN` in their schema). */
export const API_TOKEN_SCHEME = { apiToken: { type: "http", scheme: "bearer" } } as const;
export const API_TOKEN = [{ apiToken: [] }];

declare module "fastify" {
  interface FastifyContextConfig {
    /** What an `/api/v1/` route does, and so the least role its token needs (`auth/permissions.ts`). */
    action?: Action;
  }
  interface FastifyRequest {
    /** The token the request presented, once it authenticated; null outside the API. */
    principal: Principal | null;
  }
}

/**
 * Every `/api/v1/` request must carry `Authorization: Bearer <token>`: without one or with one
 * that does not authenticate, 401 (`unauthenticated`); with a role below the route's `action`,
 * 403 (`forbidden`, with `decide`'s reason). Runs on request, before the body is read, so an
 * anonymous caller cannot make the server parse anything. An API route that declares no action
 * is a bug and refused (fail closed). The presented token is never put in a message or a log.
 * Returns the same check (cache and failure budget) for routes that read their token themselves.
 */
export async function requireToken(
  app: FastifyInstance,
  store: Store,
  now: () => Date,
  options: TokenCheckOptions = {},
): Promise<PresentedTokenCheck> {
  const cache = options.cache ?? authCache();
  const failures = await authFailures(app, options.failureBudget);
  const check: TokenCheck = { store, cache, failures };
  app.decorateRequest("principal", null);
  async function checkApiRequest(request: FastifyRequest, reply: FastifyReply, route: string | undefined) {
    const principal = await principalOf(request, reply, check, now());
    if (principal === null) return reply;
    request.principal = principal;
    // An unknown route under /api/v1/ answers its 404 only to a caller with a valid token.
    if (route === undefined) return;
    const action = request.routeOptions.config.action;
    if (action === undefined) throw new Error(`route ${request.method} ${route} declares no action`);
    // The section an action speaks for is known once the route reads its request (`authorize`).
    const decision = decideRank(principal, action);
    if (!decision.allowed) throw new GonogoError("forbidden", decision.reason);
  }
  // Every request passes here, most of them not API ones (pages, the polled gates): those leave
  // at once, without the promise an async hook would make.
  app.addHook("onRequest", (request, reply, done) => {
    // The matched route decides, not the raw URL: the router decodes "/%61pi/v1/..." to an API route.
    const route = request.routeOptions.url;
    if (!(route ?? request.url).startsWith(API_PREFIX)) return done();
    return checkApiRequest(request, reply, route);
  });
  return (request, reply, presented) => principalOfToken(request, reply, check, presented, now());
}

/**
 * The API's token check for a token a route found itself (the controller gates: a Bearer header,
 * or Flagger's `metadata.token`): the same cache and the same failure budget per address. Throws
 * 401 for a wrong token; null once it has answered 429 itself.
 */
export type PresentedTokenCheck = (
  request: FastifyRequest,
  reply: FastifyReply,
  presented: string,
) => Promise<Principal | null>;

export interface TokenCheckOptions {
  /** Successful authentications remembered for a few seconds (`auth/auth-cache.ts`). */
  cache?: AuthCache;
  /** Wrong tokens an address may present before it is refused for the rest of the window. */
  failureBudget?: AuthFailureBudget;
}

/** What checks a presented token: the store, the memory of verified tokens, the failure budget (one per server). */
export interface TokenCheck {
  store: Store;
  cache: AuthCache;
  failures: AuthFailures;
}

/**
 * The request's principal; throws 401 for a missing or wrong token; null once it has answered 429
 * itself (an address over its failure budget: refused before its guess costs a hash).
 */
async function principalOf(
  request: FastifyRequest,
  reply: FastifyReply,
  check: TokenCheck,
  now: Date,
): Promise<Principal | null> {
  // A signed-in browser (session cookie or trusted proxy) was recognised by session/, before this hook.
  if (request.headers.authorization === undefined && request.principal !== null) return request.principal;
  const presented = bearerToken(request.headers.authorization);
  if (presented === undefined)
    throw new GonogoError(
      "unauthenticated",
      "this API needs an API token: send Authorization: Bearer <token> (gonogo token create makes one), or sign in at /sign-in",
    );
  return principalOfToken(request, reply, check, presented, now);
}

async function principalOfToken(
  request: FastifyRequest,
  reply: FastifyReply,
  check: TokenCheck,
  presented: string,
  now: Date,
): Promise<Principal | null> {
  // A token verified within the cache's TTL and unexpired: no budget, no promise to wait for.
  // (An expired one goes the long way, and counts as a failure there.)
  const remembered = check.cache.remembered(presented, now);
  if (remembered?.ok) return remembered.principal;
  const budget = check.cache.verifiedBefore(presented)
    ? { allowed: true as const }
    : await check.failures.check(request);
  if (!budget.allowed) {
    refuseOverBudget(reply, budget.retryAfterSeconds);
    return null;
  }
  const result = await check.cache.authenticate(check.store, presented, now);
  if (!result.ok) {
    await check.failures.count(request);
    throw new GonogoError("unauthenticated", result.message);
  }
  return result.principal;
}

/**
 * What the store records as having done what an API request did: `token:<name>` (`token:ci`), so
 * a run's `runBy` tells a run started through the API from one a person ran with `gonogo verify`;
 * `user:<name>` for a person a trusted reverse proxy named.
 */
export function actorOf(principal: Principal | null): string {
  if (principal === null) throw new Error("an API route ran without an authenticated token");
  return principal.via === "proxy" ? `user:${principal.name}` : `token:${principal.name}`;
}

/**
 * The route's own check, once it knows what the action is done to: attest, waive and sign off
 * need one of the section's sign-off roles (`decide`); 403 (`forbidden`) with the reason otherwise.
 */
export function authorize(principal: Principal | null, action: Action, resource: Resource): void {
  if (principal === null) throw new Error("an API route ran without an authenticated token");
  const decision = decide(principal, action, resource);
  if (!decision.allowed) throw new GonogoError("forbidden", decision.reason);
}

/** What an audit event of an API change says beside the actor: the token's role and prefix, the client's address. */
export function auditContextOf(request: FastifyRequest): Record<string, unknown> {
  const principal = request.principal;
  return {
    accessRole: principal?.role ?? null,
    token: principal?.prefix ?? null,
    address: request.ip,
  };
}
