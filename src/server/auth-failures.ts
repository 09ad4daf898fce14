import rateLimit from "@fastify/rate-limit";
import type { SwaggerTransform } from "@fastify/swagger";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Wrong tokens an address may present in a window before it is refused (429) until the window ends. */
export const AUTH_FAILURE_BUDGET = { max: 10, windowMs: 60_000 } as const;

export interface AuthFailureBudget {
  max: number;
  windowMs: number;
}

/** Whether an address may try a token now, and how long to wait when it may not. */
export type BudgetState = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface AuthFailures {
  /** Reads the address's count without adding to it. */
  check(request: FastifyRequest): Promise<BudgetState>;
  /** Adds one failed authentication to the address's count. */
  count(request: FastifyRequest): Promise<void>;
}

/**
 * Counts failed authentications per client address with @fastify/rate-limit's store (an LRU of
 * addresses, so a flood of addresses cannot grow it without bound). Only failures count: a client
 * with a valid token is never slowed, and an address that guessed `max` times in a window is
 * refused before its next guess costs a hash. Registered with `global: false`: no route is
 * limited as a whole. The key is the peer address Fastify reads (`request.ip`); behind a proxy
 * that is the proxy's, unless Fastify is told to trust it.
 */
export async function authFailures(
  app: FastifyInstance,
  budget: AuthFailureBudget = AUTH_FAILURE_BUDGET,
): Promise<AuthFailures> {
  await app.register(rateLimit, { global: false });
  const limiter = app.createRateLimit({ max: budget.max, timeWindow: budget.windowMs });
  return {
    async check(request) {
      const state = await limiter(request, { increment: false });
      if (state.isAllowed || state.remaining > 0) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, state.ttlInSeconds) };
    },
    async count(request) {
      await limiter(request);
    },
  };
}

/** 429 with `Retry-After`, in the API's error shape (kind `rate-limited`). */
export function refuseOverBudget(reply: FastifyReply, retryAfterSeconds: number): void {
  reply
    .code(429)
    .header("retry-after", String(retryAfterSeconds))
    .send({
      error: {
        kind: "rate-limited",
        message: `too many wrong API tokens from this address: try again in ${retryAfterSeconds}s`,
      },
    });
}

/** The 429 as OpenAPI describes it: the API's error body, and when to try again. */
const RATE_LIMITED_RESPONSE = {
  description:
    "Too many wrong API tokens from this address in the last minute: refused until the window ends",
  headers: { "retry-after": { type: "integer", description: "seconds until a token may be tried again" } },
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["kind", "message"],
      properties: { kind: { type: "string", enum: ["rate-limited"] }, message: { type: "string" } },
    },
  },
} as const;

/**
 * A @fastify/swagger `transform` adding the 429 to the OpenAPI description of every route under
 * `prefixes` (those whose token check counts wrong tokens). The document only: the routes'
 * serialization is left as it is. A route that describes no response keeps the default 200.
 */
export function describeRateLimited(prefixes: readonly string[]): SwaggerTransform {
  return function describeRateLimitedRoute({ schema, url }) {
    if (!prefixes.some((prefix) => url.startsWith(prefix))) return { schema, url };
    const responses = (schema?.response as object | undefined) ?? {
      200: { description: "Default Response" },
    };
    return { schema: { ...schema, response: { ...responses, 429: RATE_LIMITED_RESPONSE } }, url };
  };
}
