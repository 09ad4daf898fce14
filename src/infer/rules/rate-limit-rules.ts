import { words } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { GUESSED_ROUTE, GUESSED_ROUTE_WHY, namedRoute } from "./words.js";

/** Rate limiting: its headers on a response, and a burst that must be limited. */
export const RATE_LIMIT_RULES: readonly Rule[] = [
  {
    name: "rate-limit-headers",
    probe: "http",
    summary: "'rate limit headers returned' -> X-RateLimit-Limit on a response (Retry-After when named)",
    examples: ["Rate limit headers returned", "Responses carry rate-limit headers (`/api/search`)"],
    propose(facts) {
      const pattern = /rate[- ]limit(?:ing)? headers?|x-ratelimit[\w-]*/i;
      if (!pattern.test(facts.text)) return null;
      const expect = ["header.x-ratelimit-limit exists"];
      if (/retry-after/i.test(facts.text)) expect.push("header.retry-after exists");
      const path = namedRoute(facts);
      return {
        config: { target: "api", path: path ?? "/" },
        expect,
        // Many apps limit only their API routes: on a guessed / no header is no evidence.
        confidence: path ? 0.6 : GUESSED_ROUTE,
        because: [...words(facts, pattern), ...(path ? [] : [GUESSED_ROUTE_WHY])],
      };
    },
  },
  {
    name: "rate-limit",
    probe: "burst",
    summary: "rate limiting / 429 / retry-after -> a burst that must be limited (at N+1 when 'N req/min')",
    examples: [
      "Rate limiting configured (30 req/min per IP)",
      "429 responses with retry-after",
      "Rate limiting per API key",
      "### Rate Limiting\n- [ ] Per-minute limits configured",
    ],
    propose(facts) {
      const pattern = /rate[- ]limit\w*|\b429\b|retry-after|req\/min|requests? per minute/i;
      const contextual = /rate limit/.test(facts.context) && /per[- ]minute limits?/i.test(facts.text);
      if (!pattern.test(facts.text) && !contextual) return null;
      if (/rate[- ]limit(?:ing)? headers?/i.test(facts.text)) return null;
      const limit = /(\d+)\s*(?:req(?:uests)?)\s*(?:\/|per\s+)(?:min|minute|s|sec|second)\b/i.exec(
        facts.text,
      );
      const allowed = limit ? Number(limit[1]) : null;
      const expect = ["limited > 0"];
      if (allowed !== null) expect.push(`first_429_at <= ${allowed + 1}`);
      if (/retry-after/i.test(facts.text)) expect.push("retry_after == true");
      const path = namedRoute(facts);
      const inSection = contextual && !pattern.test(facts.text);
      return {
        config: { target: "api", path: path ?? "/", requests: allowed !== null ? allowed + 10 : 100 },
        expect,
        // Live only with a stated limit on a route the item, its parent or its section names: a
        // burst of 100 tests a guessed limit, and one on a guessed / a guessed route (many apps
        // limit only /api), so either is written commented out.
        confidence: allowed !== null && path ? 0.7 : inSection ? 0.3 : GUESSED_ROUTE,
        because: [
          ...(inSection ? ["rate limit (section)"] : words(facts, pattern)),
          ...(path ? [] : [GUESSED_ROUTE_WHY]),
        ],
      };
    },
  },
];
