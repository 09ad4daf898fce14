import { findTarget, isDuration, quantity, words } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { firstPath, isMetricsPath, LATENCY_WORDS } from "./words.js";

const HEALTH_WORDS = /\b(?:health\w*|liveness|readiness|readyz|livez|status endpoints?)\b/i;

const RESPONSE_VERBS =
  /\b(?:returns?|returning|responds?|answers?|accessible|available|serves?|reachable|creates?|updates?|retrieves?|deletes?|works?)\b/i;

const SECRET_WORDS = /\bsecrets?\b|credentials?|api keys?|tokens?|password/i;

const HEADER_WORDS =
  /security headers|\bHSTS\b|\bCSP\b|X-Content-Type-Options|X-Frame-Options|proper headers/i;

const TLS_WORDS = /\bhttps\b|\btls\b|\bssl\b|\bcertificates?\b/i;

/**
 * TLS the item claims for something other than the service's own endpoint (its calls to other
 * services, a database, signing, client certificates) or a watch on it ("SSL monitoring"): a
 * handshake with the api target says nothing about either.
 */
const TLS_ELSEWHERE =
  /\bmTLS\b|mutual TLS|signing|\bmonitor\w*|\balert\w*|communicat\w*|\bto (?:other|external|downstream|upstream) (?:services|systems|apis)\b|\bbetween services\b|service[- ]to[- ]service|\boutbound\b|\binternal\b|\bdatabases?\b|\bbrokers?\b|\bclient certificates?\b/i;

/** TLS claimed for more than the endpoint the check reaches. */
const TLS_IN_DOUBT = /\bin transit\b|\bend[- ]to[- ]end\b|\beverywhere\b|\ball (?:traffic|connections)\b/i;

/** What the check reaches: the service, its site, API, backend, load balancer, ingress. */
const THE_SERVICE =
  /^(?:the|all|each|every|our|its|load|LB|server|servers|site|website|web|app|apps|application|API|APIs|backend|frontend|domain|domains|endpoint|endpoints|service|services|ingress|gateway|proxy|CDN|edge|production|prod)$/i;

/**
 * TLS "on Consul clusters": a system the item names by name, which may not be the one `api`
 * reaches (on "Vault cluster" it is, in Vault's checklist): in doubt, so written commented out.
 */
function namedElsewhere(text: string): string | undefined {
  const named = /\b(?:on|for)\s+([A-Z][\w-]*)/.exec(text)?.[1];
  return named && !THE_SERVICE.test(named) ? `on ${named}` : undefined;
}

/** `/api/quotes/[id]`, `/users/{id}`, `/orders/:id`: a route template, not a URL to request. */
const isTemplated = (p: string) => /\[[^\]]*\]|\{[^}]*\}|\/:\w/.test(p);

/** HTTP checks of the api target: health, routes, secrets, headers, server version, TLS. */
export const HTTP_RULES: readonly Rule[] = [
  {
    name: "health-endpoint",
    probe: "http",
    summary:
      "a health/readiness path (or 'health endpoints') -> GET it, status == 200 (and a stated latency)",
    examples: [
      "`/healthz` returns 200 in under 300ms",
      "Basic health endpoint (/health)",
      "Readiness probe (/health/readiness)",
      "All health endpoints returning 200",
      "Connectivity verified via `/api/cache/health`",
      "`/readyz` reports the database as ready",
    ],
    propose(facts) {
      if (SECRET_WORDS.test(facts.text) || HEADER_WORDS.test(facts.text)) return null;
      const path = firstPath(facts, (p) => HEALTH_WORDS.test(p) || /ready|live|status/.test(p));
      const plural = /\bhealth endpoints\b|\b(?:all|every|each) health endpoint\b/i.test(facts.text);
      if (!path && !plural) return null;
      if (!path && !HEALTH_WORDS.test(facts.text)) return null;
      const code = /\b(?:returns?|returning|answers?)\s+(\d{3})\b/i.exec(facts.text)?.[1] ?? "200";
      const latency = findTarget(facts, (t) => isDuration(t) && (t.op === "<" || t.op === "<="));
      const expect = [`status == ${code}`];
      if (latency) expect.push(`latency ${latency.op} ${quantity(latency)}`);
      const because = [...words(facts, HEALTH_WORDS), ...(latency ? [latency.text] : [])];
      if (path)
        return { config: { target: "api", path }, expect, confidence: 0.9, because: [path, ...because] };
      // "All health endpoints": each one the checklist names in code, else a guess to review.
      if (facts.healthPaths.length === 0)
        return {
          config: { target: "api", path: "/health" },
          expect,
          confidence: 0.3,
          because: [...because, "no health endpoint named in the checklist: /health is a guess"],
        };
      return facts.healthPaths.map((named) => ({
        config: { target: "api", path: named },
        expect,
        confidence: 0.7,
        because: [named, "named in the checklist", ...because],
      }));
    },
  },
  {
    name: "endpoint-response",
    probe: "http",
    summary:
      "a route with 'returns/accessible/creates ...' -> request it; JSON and 'at least one' become expectations",
    examples: [
      "`/api/orders` returns JSON with at least one order",
      "All flags accessible via `/api/feature-flags`",
      "GET /api/agents/quotes/[id] retrieves quote",
    ],
    propose(facts) {
      const path = firstPath(facts, (p) => !isMetricsPath(p) && !HEALTH_WORDS.test(p));
      if (!path || !RESPONSE_VERBS.test(facts.text)) return null;
      if (SECRET_WORDS.test(facts.text) || LATENCY_WORDS.test(facts.text) || /rate limit/i.test(facts.text))
        return null;
      const method = facts.method ?? "GET";
      const templated = isTemplated(path);
      // A 400, 401 or 404 is below 500 too: a write must succeed (2xx), and it needs a real body.
      const expect = method === "GET" ? ["status == 200"] : ["status >= 200", "status < 300"];
      if (/\bJSON\b/.test(facts.text)) expect.push('header.content-type contains "application/json"');
      const atLeast = /\bat least (?:one|1) (\w+?)s?\b/i.exec(facts.text)?.[1];
      if (atLeast && method === "GET") expect.push(`json.${atLeast}s >= 1`);
      const body = method === "POST" || method === "PUT" || method === "PATCH";
      return {
        config: {
          target: "api",
          path,
          ...(method === "GET" ? {} : { method }),
          ...(body ? { json: { TODO: "a real request body" } } : {}),
        },
        expect,
        // Low enough to be written commented out: a template or a write needs a person's edit first.
        confidence: templated || method !== "GET" ? 0.3 : atLeast ? 0.6 : 0.7,
        because: [
          facts.method ? `${facts.method} ${path}` : path,
          ...words(facts, RESPONSE_VERBS),
          ...(templated ? ["templated path: put a real id in it"] : []),
          ...(body ? ["a write: put a real request body in json"] : []),
        ],
      };
    },
  },
  {
    name: "secrets-in-response",
    probe: "http",
    summary: "'no secrets' with a route -> GET it, status == 200 and secrets == 0",
    examples: [
      "No secrets exposed in `/api/health` response",
      "No secrets exposed in the `/api/config` response",
    ],
    propose(facts) {
      const path = firstPath(facts);
      if (!path || !SECRET_WORDS.test(facts.text) || !/\b(?:no|never|not|without)\b/i.test(facts.text))
        return null;
      return {
        config: { target: "api", path },
        expect: ["status == 200", "secrets == 0"],
        confidence: 0.9,
        because: [path, ...words(facts, SECRET_WORDS)],
      };
    },
  },
  {
    name: "security-headers",
    probe: "http",
    summary: "security headers / HSTS / CSP -> security_headers on a response",
    examples: [
      "Security headers configured (HSTS, CSP, etc.)",
      "HTTPS enforced with proper headers",
      "Security headers set on every response (HSTS, CSP, X-Content-Type-Options)",
    ],
    propose(facts) {
      if (!HEADER_WORDS.test(facts.text)) return null;
      const all = /security headers|proper headers/i.test(facts.text);
      const named = ["HSTS", "CSP", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"].filter(
        (h) => facts.text.toLowerCase().includes(h.toLowerCase()),
      );
      const expect = all ? ["security_headers == 0"] : named.map((h) => `security_headers !contains "${h}"`);
      return {
        config: { target: "api", path: firstPath(facts) ?? "/" },
        expect,
        confidence: 0.8,
        because: words(facts, HEADER_WORDS),
      };
    },
  },
  {
    name: "server-version",
    probe: "http",
    summary: "'server version not disclosed' -> no Server / X-Powered-By header",
    examples: ["Responses never disclose the server software version"],
    propose(facts) {
      const pattern = /server (?:software )?version|x-powered-by|server header/i;
      if (!pattern.test(facts.text)) return null;
      return {
        config: { target: "api", path: firstPath(facts) ?? "/" },
        expect: ["header.server !exists", "header.x-powered-by !exists"],
        confidence: 0.8,
        because: words(facts, pattern),
      };
    },
  },
  {
    name: "tls",
    probe: "tls",
    summary:
      "HTTPS / TLS / SSL certificate of the service -> a handshake: valid, hostname_ok, days_left (not TLS to others, not its monitoring)",
    examples: [
      "HTTPS/TLS configured",
      "SSL certificates valid",
      "HTTPS enforced with proper headers",
      "Encryption in transit (TLS)",
    ],
    propose(facts) {
      if (!TLS_WORDS.test(facts.text) || TLS_ELSEWHERE.test(facts.text)) return null;
      const days = findTarget(facts, (t) => t.unit === "d" || /days/.test(t.text));
      const expect = ["valid == true", "hostname_ok == true"];
      if (days) expect.push(`days_left ${days.op} ${days.value}`);
      // "Encryption in transit" is every hop, of which the service's own endpoint is one: a guess.
      const doubt = TLS_IN_DOUBT.exec(facts.text)?.[0] ?? namedElsewhere(facts.text);
      return {
        config: { target: "api" },
        expect,
        confidence: doubt ? 0.4 : 0.7,
        because: [
          ...words(facts, TLS_WORDS),
          ...(doubt ? [`"${doubt}" is more than the service's own endpoint: review`] : []),
        ],
      };
    },
  },
];
