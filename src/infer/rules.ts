import {
  CHANGES_STATE,
  findTarget,
  isDuration,
  isRatio,
  k6Script,
  percentile,
  proseDuration,
  quantity,
  withRoute,
  words,
} from "./rule-helpers.js";
import type { ItemFacts, K6Run, Rule, RuleProposal } from "./types.js";

/**
 * The inference rules, one row each: which words of an item lead to which probe and expectations.
 * To add one, append a row with real item texts in `examples` (rules.test.ts runs each example and
 * expects the row to fire). Targets are the default names init writes: api, prom, db, cache, repo.
 * `examples` are Markdown: a bare text becomes `- [ ] text`; a snippet with a heading or list
 * gives context (the section title and parent item count); its last item, or the one marked
 * `<!--subject-->`, is the one the rule must fire on.
 */
const HEALTH_WORDS = /\b(?:health\w*|liveness|readiness|readyz|livez|status endpoints?)\b/i;
const LATENCY_WORDS = /\bp\s?(?:50|95|99)\b|\blatency\b|response time|median/i;
const LOAD_WORDS = /\bunder (?:normal )?load\b|\bload[- ]test|\bVUs?\b|\bk6\b|\bload tests?\b/i;
const RESPONSE_VERBS =
  /\b(?:returns?|returning|responds?|answers?|accessible|available|serves?|reachable|creates?|updates?|retrieves?|deletes?|works?)\b/i;
const SECRET_WORDS = /\bsecrets?\b|credentials?|api keys?|tokens?|password/i;
const HEADER_WORDS =
  /security headers|\bHSTS\b|\bCSP\b|X-Content-Type-Options|X-Frame-Options|proper headers/i;

function firstPath(facts: ItemFacts, accept: (p: string) => boolean = () => true): string | undefined {
  return facts.paths.find(accept);
}

const isMetricsPath = (p: string) => /^\/metrics\b/.test(p);
/** `/api/quotes/[id]`, `/users/{id}`, `/orders/:id`: a route template, not a URL to request. */
const isTemplated = (p: string) => /\[[^\]]*\]|\{[^}]*\}|\/:\w/.test(p);

export const RULES: readonly Rule[] = [
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
    summary: "HTTPS / TLS / SSL certificate -> a handshake: valid, hostname_ok, days_left",
    examples: ["HTTPS/TLS configured", "SSL certificates valid", "HTTPS enforced with proper headers"],
    propose(facts) {
      const pattern = /\bhttps\b|\btls\b|\bssl\b|certificates?\b/i;
      if (!pattern.test(facts.text) || /\bmTLS\b|signing/i.test(facts.text)) return null;
      const days = findTarget(facts, (t) => t.unit === "d" || /days/.test(t.text));
      const expect = ["valid == true", "hostname_ok == true"];
      if (days) expect.push(`days_left ${days.op} ${days.value}`);
      return { config: { target: "api" }, expect, confidence: 0.7, because: words(facts, pattern) };
    },
  },
  {
    name: "histogram-latency",
    probe: "metrics",
    summary: "a route's p95 'from the histogram/exporter' -> quantile() of the checklist's histogram",
    examples: [
      "- [ ] `pricing_response_seconds` histogram with a `route` label\n- [ ] `/quote` p95 latency <300ms (from the exporter's histogram)",
    ],
    propose(facts) {
      if (!facts.histogram || !/histogram|exporter/i.test(facts.text) || facts.metrics.length > 0)
        return null;
      const target = findTarget(facts, isDuration);
      if (!target) return null;
      const q = { p50: 0.5, p95: 0.95, p99: 0.99 }[percentile(facts.text)];
      const series = withRoute(facts.histogram, firstPath(facts));
      return {
        config: { target: "api", path: "/metrics" },
        expect: [`quantile(${series}, ${q}) ${target.op} ${quantity(target)}`],
        confidence: 0.7,
        because: [target.text, ...words(facts, /histogram|exporter/i)],
      };
    },
  },
  {
    name: "sustained-latency",
    probe: "promql",
    summary: "p95 'sustained' / 'over the last N' -> a PromQL range query on the checklist's histogram",
    examples: [
      "- [ ] `bargain_response_seconds` histogram with route labels\n- [ ] p95 latency <300ms sustained",
      "- [ ] `pricing_response_seconds` histogram\n- [ ] `/quote` p95 latency stays <300ms over the last 5 minutes",
    ],
    propose(facts) {
      const pattern = /sustained|over the last [\w\s]+|for \d+ (?:days|hours|minutes)/i;
      if (!facts.histogram || !pattern.test(facts.text) || !LATENCY_WORDS.test(facts.text)) return null;
      const target = findTarget(facts, isDuration);
      if (!target) return null;
      const q = { p50: 0.5, p95: 0.95, p99: 0.99 }[percentile(facts.text)];
      const series = withRoute(`${facts.histogram}_bucket`, firstPath(facts));
      const range =
        proseDuration(/over the last ([\w\s]+)|for (\d+ \w+)/i.exec(facts.text)?.[0] ?? "") ?? "1h";
      return {
        config: {
          target: "prom",
          query: `histogram_quantile(${q}, sum by (le) (rate(${series}[5m])))`,
          range,
          step: "1m",
        },
        expect: [`max ${target.op} ${quantity(target)}`, "samples > 0"],
        confidence: 0.6,
        because: [target.text, ...words(facts, pattern)],
      };
    },
  },
  {
    name: "load-latency",
    probe: "load",
    summary:
      "p95/p99 latency with a route, 'under load' or VUs -> a load run with that percentile (commented out without a route)",
    examples: [
      "`/session/start` p95 latency <300ms under load",
      "`/session/offer` p95 latency <200ms",
      "p95 latency stays <300ms under load",
      "#### Load Tests\n- [ ] All performance targets met:\n  - [ ] P99 latency < 1000ms",
    ],
    propose(facts) {
      if (NOT_A_LOAD_RUN.test(facts.text) || k6Script(facts) || facts.sectionK6) return null;
      const target = findTarget(facts, (t) => isDuration(t) && (t.op === "<" || t.op === "<="));
      if (!target || !LATENCY_WORDS.test(`${target.metric} ${facts.text}`)) return null;
      const path = loadRoute(facts);
      const underLoad = LOAD_WORDS.test(facts.text) || /\bload\b|performance/.test(facts.context);
      if (!path && !underLoad) return null;
      // A fast 404 passes any latency bound: the run must also mostly succeed.
      return {
        config: loadConfig(facts, path),
        expect: [
          `${percentile(`${target.metric} ${target.text}`)} ${target.op} ${quantity(target)}`,
          ...(/error/i.test(facts.text) ? [] : ["error_rate < 1%"]),
        ],
        confidence: path ? 0.8 : NO_ROUTE,
        because: [target.text, ...words(facts, LOAD_WORDS), ...loadBecause(facts, path)],
      };
    },
  },
  {
    name: "load-errors",
    probe: "load",
    summary:
      "error/success rate under load, or 'load test passes (N VUs)' -> a load run on error_rate (commented out without a route)",
    examples: [
      "Error rate <0.5% under normal load",
      "k6 load test passes with 150 VUs for 3 minutes",
      "#### Load Tests\n- [ ] All performance targets met:\n  - [ ] Success rate > 99%",
    ],
    propose(facts) {
      if (/alert|panel|dashboard/i.test(facts.text) || k6Script(facts) || facts.sectionK6) return null;
      const underLoad = LOAD_WORDS.test(facts.text) || /\bload\b/.test(facts.context);
      if (!underLoad) return null;
      const { error, success } = rateTargets(facts);
      const passes = /load test (?:passes|passed)|load tests? pass/i.test(facts.text);
      if (!error && !success && !passes) return null;
      const expect = error
        ? [`error_rate ${error.op} ${quantity(error)}`]
        : success
          ? [`error_rate ${success.op === ">" ? "<" : "<="} ${+(100 - success.value).toFixed(6)}%`]
          : ["error_rate < 1%"];
      const path = loadRoute(facts);
      return {
        config: loadConfig(facts, path),
        expect,
        confidence: !path ? NO_ROUTE : error || success ? 0.6 : 0.5,
        because: [
          ...(error ? [error.text] : []),
          ...(success ? [success.text] : []),
          ...words(facts, LOAD_WORDS),
          ...loadBecause(facts, path),
        ],
      };
    },
  },
  {
    name: "k6-script",
    probe: "k6",
    summary: "`k6 run script.js` in the item's code or the block under it -> the k6 probe runs it",
    examples: [
      "- [ ] Baseline load test passes\n  ```bash\n  k6 run tests/load/smoke-quotes.js\n  ```",
      "Soak test passes (`k6 run --vus 20 load/soak.js`)",
    ],
    propose(facts) {
      const found = k6Script(facts);
      if (!found) return null;
      return {
        config: k6Config(found),
        // "passes": most requests succeed; k6's own thresholds, when the script has some, show in evidence.
        expect: ["http_req_failed.rate < 1%"],
        confidence: 0.7,
        because: [`k6 run ${found.script}`],
      };
    },
  },
  {
    name: "k6-section-thresholds",
    probe: "k6",
    summary:
      "a latency / error / success target in a section whose other item runs a k6 script -> expectations on that run",
    examples: [
      "#### Load Tests\n- [ ] Smoke load test passes\n  ```bash\n  k6 run load/smoke.js\n  ```\n- [ ] P95 latency < 400ms",
      "#### Load Tests\n- [ ] Soak passes\n  ```bash\n  k6 run load/soak.js\n  ```\n- [ ] Targets met:\n  - [ ] Error rate < 2%",
    ],
    propose(facts) {
      const run = facts.sectionK6;
      if (!run || k6Script(facts) || NOT_A_LOAD_RUN.test(facts.text)) return null;
      const expect: string[] = [];
      const because: string[] = [];
      const latency = findTarget(facts, (t) => isDuration(t) && (t.op === "<" || t.op === "<="));
      if (latency && LATENCY_WORDS.test(`${latency.metric} ${facts.text}`)) {
        const stat = { p50: "med", p95: "p95", p99: "p99" }[percentile(`${latency.metric} ${latency.text}`)];
        expect.push(`http_req_duration.${stat} ${latency.op} ${quantity(latency)}`);
        because.push(
          latency.text,
          ...(stat === "p99" ? ['p99 needs "p(99)" in the script\'s summaryTrendStats'] : []),
        );
      }
      const { error, success } = rateTargets(facts);
      if (error) expect.push(`http_req_failed.rate ${error.op} ${quantity(error)}`);
      if (success) expect.push(`checks.rate ${success.op} ${quantity(success)}`);
      because.push(...[error, success].flatMap((t) => (t ? [t.text] : [])));
      if (expect.length === 0) return null;
      return {
        config: k6Config(run),
        expect,
        confidence: 0.7,
        because: [...because, `the section's k6 run ${run.script}`],
      };
    },
  },
  {
    name: "slo-promql",
    probe: "promql",
    summary:
      "a latency / error / success rate target outside a load test (monitoring, canary) -> a PromQL query on value",
    examples: [
      "### Post-deploy checks\n- [ ] Latency P95 < 400ms",
      "Monitor error rates (target: < 2%)",
      "Monitor response times (target: p95 < 800ms)",
      "### Canary\n- [ ] Success rate at baseline (> 99.5%)",
    ],
    propose(facts) {
      if (/alert|panel|dashboard|sustained|over the last|histogram|exporter/i.test(facts.text)) return null;
      // Under a load section the load rules answer; under "alerts" a threshold is an alert rule's.
      if (LOAD_WORDS.test(facts.text) || /\bload\b|performance|alert/.test(facts.context)) return null;
      if (facts.paths.length > 0 || facts.metrics.length > 0) return null;
      const slo = sloQuery(facts);
      if (!slo) return null;
      return {
        config: { target: "prom", query: slo.query },
        expect: [slo.expect, "samples > 0"],
        confidence: slo.assumed ? 0.4 : 0.6,
        because: [slo.target, ...(slo.assumed ? [`metric name assumed (${slo.assumed}): put yours`] : [])],
      };
    },
  },
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
      return {
        config: { target: "api", path: firstPath(facts) ?? "/" },
        expect,
        confidence: 0.6,
        because: words(facts, pattern),
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
      return {
        config: {
          target: "api",
          path: firstPath(facts) ?? "/",
          requests: allowed !== null ? allowed + 10 : 100,
        },
        expect,
        // Without a stated limit a burst of 100 on / is a guess at both: written commented out.
        confidence: allowed !== null ? 0.7 : contextual && !pattern.test(facts.text) ? 0.3 : 0.4,
        because: contextual && !pattern.test(facts.text) ? ["rate limit (section)"] : words(facts, pattern),
      };
    },
  },
  {
    name: "metric-exposed",
    probe: "metrics",
    summary: "metric names in code -> scrape /metrics: required, type, labels, gauge value",
    examples: [
      "`bargain_response_seconds` histogram with route labels",
      "`bargain_redis_hit_rate` gauge ≥0.90",
      "`bargain_fallback_total` counter by reason",
      "`pricing_floor_breaches_total` counter at 0",
      "`bargain_policy_version` and `bargain_model_version` info metrics",
    ],
    propose(facts) {
      const [first, ...rest] = facts.metrics;
      if (!first) return null;
      const expect = ["missing == 0"];
      const kind = /\b(histogram|gauge|counter|summary)s?\b/i.exec(facts.text)?.[1]?.toLowerCase();
      if (kind) for (const name of [first, ...rest]) expect.push(`type(${name}) == "${kind}"`);
      const label = /\b(?:with|by) (?:a |an )?`?(\w+)`? labels?\b|\bby (\w+)$/i.exec(facts.text);
      const labelName = label?.[1] ?? label?.[2];
      if (labelName) expect.push(`labels(${first}) contains "${labelName}"`);
      const target = findTarget(facts, () => true);
      const at = /\b(?:at|stays at|is) (\d+(?:\.\d+)?)\b/i.exec(facts.text)?.[1];
      if (target && rest.length === 0) expect.push(`value(${first}) ${target.op} ${quantity(target)}`);
      else if (at !== undefined && rest.length === 0) expect.push(`value(${first}) == ${at}`);
      return {
        config: { target: "api", path: "/metrics", require: facts.metrics },
        expect,
        confidence: 0.8,
        because: [...facts.metrics, ...(kind ? [kind] : []), ...(target ? [target.text] : [])],
      };
    },
  },
  {
    name: "metrics-endpoint",
    probe: "metrics",
    summary: "a /metrics endpoint item -> scrape it; its children's metric names are required",
    examples: [
      "- [ ] `/metrics` endpoint exposing all required Prometheus metrics <!--subject-->\n  - [ ] `bargain_async_queue_lag` gauge",
      "Metrics endpoint exposed at `/metrics`",
    ],
    propose(facts) {
      const path = firstPath(facts, isMetricsPath);
      if (facts.metrics.length > 0 || (!path && !/metrics endpoint/i.test(facts.text))) return null;
      const require = [...new Set(facts.childMetrics)];
      return {
        config: { target: "api", path: path ?? "/metrics", ...(require.length > 0 ? { require } : {}) },
        expect: require.length > 0 ? ["missing == 0"] : ["latency < 5s"],
        confidence: require.length > 0 ? 0.8 : 0.5,
        because: [path ?? "metrics endpoint", ...require],
      };
    },
  },
  {
    name: "alert-rule",
    probe: "promql",
    summary: "a CamelCase alert or rule name -> the rule is loaded and healthy in Prometheus",
    examples: [
      "ProfitGuardBreach alert configured for auto-rollback",
      "BargainLatencyP95High alert (>300ms) triggers correctly",
      "Alert rule `PricingLatencyP95High` loaded and healthy",
    ],
    propose(facts) {
      const [rule] = facts.alerts;
      if (!rule) return null;
      const triggers = /triggers?|fires?/i.test(facts.text);
      return {
        config: { target: "prom", rule },
        expect: ["rule_loaded == true", 'rule_health == "ok"'],
        confidence: triggers ? 0.5 : 0.8,
        because: [rule, ...words(facts, /\balert\w*|\brule\b/i)],
      };
    },
  },
  {
    name: "rule-file-loaded",
    probe: "promql",
    summary:
      "alert/recording rules in a named rule file -> Prometheus has a rule group from that file loaded",
    examples: [
      "Alert rules in `rules/bargain.yaml` active",
      "Recording rules from `prom/slo.rules.yml` loaded",
    ],
    propose(facts) {
      const file = facts.files.find((f) => /\.ya?ml$/i.test(f));
      if (!file || !/\b(?:alert(?:ing)?|recording) rules?\b/i.test(facts.text)) return null;
      // The probe asks for rules by name; with none in the text, Prometheus' own gauge of each
      // loaded group's rules (labelled "<file>;<group>") says whether the file is loaded at all.
      const name = (file.split("/").at(-1) ?? file).replace(/[\\"]/g, "");
      return {
        config: { target: "prom", query: `sum(prometheus_rule_group_rules{rule_group=~".*${name};.*"})` },
        expect: ["value >= 1", "samples > 0"],
        confidence: 0.5,
        because: [
          file,
          ...words(facts, /\b(?:alert(?:ing)?|recording) rules?\b/i),
          "Prometheus must scrape itself",
        ],
      };
    },
  },
  {
    name: "alerts-firing",
    probe: "promql",
    summary: "'no alerts firing' / 'alerts not firing' / 'no critical alerts' -> the firing list is empty",
    examples: [
      "No pricing alert is firing",
      "No critical alerts firing",
      "Alerts not firing (after the canary)",
      "No critical alerts",
      "Zero alerts firing during the soak",
    ],
    propose(facts) {
      const pattern =
        /\b(?:no|zero)\b.*\balerts?\b.*\bfiring\b|\balerts? (?:are |is )?not firing\b|^(?:no|zero) (?:critical |active |open |pricing )?alerts?$/i;
      if (!pattern.test(facts.text)) return null;
      return {
        config: { target: "prom" },
        expect: ["firing == 0"],
        confidence: 0.7,
        because: words(facts, pattern),
      };
    },
  },
  {
    name: "scrape-targets",
    probe: "promql",
    summary: "Prometheus scrapes / scrape configuration -> targets up, none down",
    examples: ["Prometheus scrape configuration loaded", "Prometheus scrapes the pricing engine (target up)"],
    propose(facts) {
      const pattern = /prometheus scrape\w*|\bscrapes?\b|targets? up/i;
      if (!pattern.test(facts.text)) return null;
      return {
        config: { target: "prom" },
        expect: ["targets_up >= 1", "targets_down == 0"],
        confidence: 0.6,
        because: words(facts, pattern),
      };
    },
  },
  {
    name: "sql-catalog",
    probe: "sql",
    summary: "'N+ tables / views / materialized views / functions (in schema s)' -> catalog counts",
    examples: ["All 15+ tables in `ai` schema exist", "3+ materialized views created and refreshed"],
    propose(facts) {
      const match = /(\d+)\+?\s+(materialized views|tables|views|functions)\b/i.exec(facts.text);
      if (!match) return null;
      const observable = {
        "materialized views": "matviews",
        tables: "tables",
        views: "views",
        functions: "functions",
      }[(match[2] ?? "").toLowerCase() as "tables"];
      const schema = /\bin (?:the )?(\w+) schema\b/i.exec(facts.text)?.[1] ?? facts.schema;
      const call = schema ? `${observable}(${schema})` : observable;
      return {
        config: { target: "db" },
        expect: [`${call} >= ${match[1]}`],
        confidence: schema ? 0.8 : 0.6,
        because: [match[0], ...(schema ? [`${schema} schema`] : [])],
      };
    },
  },
  {
    name: "sql-function",
    probe: "sql",
    summary: "a SQL function in code (`ai.assert_never_loss()`) -> call it, one row back",
    examples: ["Never-loss function `ai.assert_never_loss()` operational"],
    propose(facts) {
      const fn = facts.spans.find((s) => /^[a-z_][\w]*(?:\.[a-z_]\w*)?\(\)$/i.test(s));
      if (!fn || !/function|procedure/i.test(facts.text)) return null;
      return {
        config: { target: "db", query: `select ${fn}` },
        expect: ["rows == 1"],
        confidence: 0.6,
        because: [fn, ...words(facts, /function|procedure/i)],
      };
    },
  },
  {
    name: "sql-extension",
    probe: "sql",
    summary: "'<name> extension installed' -> the Postgres extension is in pg_extension",
    examples: ["pgvector extension installed"],
    propose(facts) {
      const match = /\b([\w-]+) extension (?:is )?(?:installed|enabled|created)/i.exec(facts.text);
      if (!match?.[1]) return null;
      const name = match[1].toLowerCase() === "pgvector" ? "vector" : match[1].toLowerCase();
      return {
        config: { target: "db", query: `select extname from pg_extension where extname = '${name}'` },
        expect: ["rows == 1"],
        confidence: 0.8,
        because: [match[0]],
      };
    },
  },
  {
    name: "db-connection",
    probe: "sql",
    summary: "database connection tested / healthy -> select 1",
    examples: ["Database connection tested", "Database connection healthy"],
    propose(facts) {
      const pattern = /\b(?:database|db) (?:connection|connectivity)\b|\bdatabase (?:is )?reachable\b/i;
      if (!pattern.test(facts.text) || /pool/i.test(facts.text)) return null;
      return {
        config: { target: "db", query: "select 1" },
        expect: ["value == 1"],
        confidence: 0.7,
        because: words(facts, pattern),
      };
    },
  },
  {
    name: "redis-ttl",
    probe: "redis",
    summary: "TTLs per key prefix ('sessions:30min', 'Session keys expire within 30min') -> ttl(prefix:*)",
    examples: [
      "TTL configuration correct (policies:∞, rates:5min, features:24h, sessions:30min)",
      "Session keys expire within 30min",
      "Every rate key has a TTL (rates:5min)",
    ],
    propose(facts) {
      if (!/\bttl\b|\bexpire/i.test(facts.text)) return null;
      const expect: string[] = [];
      for (const m of facts.text.matchAll(/\b([a-z][\w-]*):\s*(∞|\d+\s*[a-z]+)/gi)) {
        const duration = m[2] === "∞" ? null : proseDuration(m[2] ?? "");
        if (m[2] === "∞") expect.push(`ttl(${m[1]}:*) > 3650d`);
        else if (duration) expect.push(`ttl(${m[1]}:*) <= ${duration}`);
      }
      const within = findTarget(facts, isDuration);
      const key = /^(?:every |all )?(\w+?)s? keys?\b/i.exec(facts.text)?.[1]?.toLowerCase();
      if (expect.length === 0 && within && key) expect.push(`ttl(${key}:*) ${within.op} ${quantity(within)}`);
      if (expect.length === 0) return null;
      return {
        config: { target: "cache" },
        expect,
        confidence: 0.5,
        because: words(facts, /\bTTL\b|\bexpire\w*|\b[a-z][\w-]*:\s*(?:∞|\d+\s*[a-z]+)/i),
      };
    },
  },
  {
    name: "hit-rate",
    probe: "redis",
    summary: "a cache/Redis hit rate target -> redis hit_rate",
    examples: [
      "Hit rate ≥85% during normal operations",
      "Cache warmer maintaining ≥90% hit rate",
      "Redis hit rate ≥90%",
    ],
    propose(facts) {
      if (!/hit rate/i.test(facts.text) || facts.metrics.length > 0) return null;
      const target = findTarget(facts, (t) => isRatio(t) && (t.op === ">" || t.op === ">="));
      if (!target) return null;
      return {
        config: { target: "cache" },
        expect: [`hit_rate ${target.op} ${quantity(target)}`],
        confidence: /panel|dashboard/i.test(facts.text) ? 0.4 : 0.7,
        because: ["hit rate", target.text],
      };
    },
  },
  {
    name: "redis-ping",
    probe: "redis",
    summary: "the cache answers PING / Redis connectivity -> ping == true",
    examples: ["Cache answers `PING`", "Redis connection healthy"],
    propose(facts) {
      const pattern = /\bping\b|\bredis (?:connection|connectivity)\b/i;
      if (!pattern.test(facts.text) || facts.paths.length > 0) return null;
      if (!/\bping\b/i.test(facts.text) && !/redis|cache/i.test(facts.text)) return null;
      return {
        config: { target: "cache" },
        expect: ["ping == true"],
        confidence: 0.8,
        because: words(facts, pattern),
      };
    },
  },
  {
    name: "coverage",
    probe: "coverage",
    summary: "test coverage with a percentage -> lines of the coverage report",
    examples: ["Unit test coverage above 80%", "Code coverage ≥ 90%"],
    propose(facts) {
      if (!/coverage/i.test(facts.text)) return null;
      const target = findTarget(facts, (t) => isRatio(t) && (t.op === ">" || t.op === ">="));
      if (!target) return null;
      const path = facts.files.find((f) => /lcov|coverage|cobertura|jacoco/i.test(f)) ?? "coverage/lcov.info";
      return {
        config: { target: "repo", path },
        expect: [`lines ${target.op} ${quantity(target)}`],
        confidence: 0.7,
        because: ["coverage", target.text],
      };
    },
  },
  {
    name: "dockerfile",
    probe: "dockerfile",
    summary: "multi-stage / non-root / container health check / pinned tags -> the Dockerfile",
    examples: [
      "Dockerfile created with multi-stage build",
      "### Containerization\n- [ ] Non-root user configured",
      "### Containerization\n- [ ] Health checks configured",
      "Container has a health check",
      "- [ ] Dockerfile uses a multi-stage build\n  - [ ] Final stage runs as a non-root user",
    ],
    propose(facts) {
      const docker = /docker|container/i.test(`${facts.text} ${facts.context}`);
      const expect: string[] = [];
      const because: string[] = [];
      const add = (pattern: RegExp, expectation: string) => {
        if (!pattern.test(facts.text)) return;
        expect.push(expectation);
        because.push(...words(facts, pattern));
      };
      add(/multi-stage|multistage/i, "stages >= 2");
      if (docker) add(/non-root|as root|root user/i, "runs_as_root == false");
      if (docker) add(/health ?checks?/i, "healthcheck == true");
      if (docker) add(/:latest|pinned|latest tags?/i, "latest_tags == 0");
      if (expect.length === 0 && /\bDockerfile (?:created|exists|written)/i.test(facts.text)) {
        expect.push("stages >= 1");
        because.push("Dockerfile");
      }
      if (expect.length === 0) return null;
      const path = facts.files.find((f) => /Dockerfile/i.test(f)) ?? "Dockerfile";
      return { config: { target: "repo", path }, expect, confidence: 0.8, because };
    },
  },
  {
    name: "image-size",
    probe: "command",
    summary: "image size under N (MB/GB) -> docker image inspect of $IMAGE, compared in the shell",
    examples: ["Image size optimized (< 800MB)", "Docker image under 500 MB"],
    propose(facts) {
      if (!/\bimage\b/i.test(facts.text) || !/\bsize\b|\bunder\b|</i.test(facts.text)) return null;
      const target = findTarget(
        facts,
        (t) => t.unit !== null && /^[KMGT]i?B$/.test(t.unit) && t.op.startsWith("<"),
      );
      if (!target) return null;
      const bytes = Math.round(target.value * sizeFactor(target.unit ?? "B"));
      const test = target.op === "<=" ? "-le" : "-lt";
      return {
        // The command probe judges exit codes, not numbers in its output, so the shell compares.
        config: { run: `test "$(docker image inspect --format '{{.Size}}' "$IMAGE")" ${test} ${bytes}` },
        expect: ["exit_code == 0"],
        confidence: 0.4,
        because: [target.text, "set IMAGE to the built image's name"],
      };
    },
  },
  {
    name: "docker-build",
    probe: "command",
    summary: "'Docker image builds' -> docker build . exits 0",
    examples: ["Docker image builds successfully"],
    propose(facts) {
      const pattern = /docker (?:image )?builds?\b|image builds?\b/i;
      if (!pattern.test(facts.text) || /automated/i.test(facts.text)) return null;
      return {
        config: { run: "docker build .", cwd: "repo", timeout: "15m" },
        expect: ["exit_code == 0"],
        confidence: 0.5,
        because: words(facts, pattern),
      };
    },
  },
  {
    name: "command-span",
    probe: "command",
    summary: "a command in code (`npm test`, `node --test`) -> run it, exit 0 (and 'N passing')",
    examples: [
      "`npm test` - unit tests (15 passing)",
      "Pass golden verification (`npm run verify:golden`)",
      "Unit tests pass (`node --test`)",
      "- [ ] All unit tests passing\n  ```bash\n  npm test tests/backend/pricing-engine.test.ts\n  ```",
    ],
    propose(facts) {
      const run = facts.commands.find((c) => !/^k6 run\b/.test(c));
      if (!run) return null;
      const expect = ["exit_code == 0"];
      const passing = /\((\d+) passing\)/i.exec(facts.text)?.[1];
      if (passing) expect.push(`output contains "${passing} passing"`);
      // verify must never migrate, deploy or delete: such a command is an action, written commented out.
      const changes = CHANGES_STATE.exec(run)?.[0];
      return {
        config: { run, cwd: "repo", timeout: "10m" },
        expect,
        confidence: changes ? 0.2 : 0.8,
        because: [
          run,
          ...(passing ? [`${passing} passing`] : []),
          ...(changes ? [`changes state (${changes})`] : []),
        ],
      };
    },
  },
  {
    name: "test-suite-command",
    probe: "command",
    summary:
      "'All unit (integration) tests passing' with no command of its own -> the checklist's unit (integration) test command",
    examples: ["- [ ] Unit tests green\n  ```bash\n  npm run test:unit\n  ```\n- [ ] All unit tests passing"],
    propose(facts) {
      const kind = /\b(unit|integration) tests? (?:are )?(?:pass(?:ing|es|ed)?|green)\b/i.exec(
        facts.text,
      )?.[1];
      if (!kind || facts.commands.length > 0) return null;
      const run = facts.testCommands[kind.toLowerCase() as "unit" | "integration"];
      if (!run) return null;
      return {
        // The same block as the command's own item, so both are bound to one run.
        config: { run, cwd: "repo", timeout: "10m" },
        expect: ["exit_code == 0"],
        confidence: 0.8,
        because: [`${kind} tests`, `the checklist's ${kind.toLowerCase()} test command (${run})`],
      };
    },
  },
  {
    name: "env-var",
    probe: "command",
    summary: "`NAME` set / unset / `NAME=value` -> test the variable in gonogo's environment",
    examples: [
      "- [ ] Telegram credentials configured:\n  - [ ] `TELEGRAM_BOT_TOKEN` set",
      "Batch size gate: `PAIR_BATCH_MAX_CHUNK=200`",
    ],
    propose(facts) {
      const [name] = facts.envVars;
      if (!name) return null;
      const assigned = facts.spans
        .map((s) => new RegExp(`^${name}=(.+)$`).exec(s)?.[1])
        .find((v) => v !== undefined);
      const unset = /\bunset\b|not set/i.test(facts.text);
      if (!assigned && !unset && !/\bset\b|configured|exported/i.test(facts.text)) return null;
      const run = assigned
        ? `test "$${name}" = '${assigned.replace(/'/g, "")}'`
        : unset
          ? `test -z "$${name}"`
          : `test -n "$${name}"`;
      return {
        config: { run },
        expect: ["exit_code == 0"],
        confidence: unset ? 0.3 : 0.5,
        because: [name, ...words(facts, /\bunset\b|not set|\bset\b|configured/i)],
      };
    },
  },
  {
    name: "file-not-committed",
    probe: "command",
    summary: "a file that must not be committed (`.env` (not committed)) -> git does not track it",
    examples: ["Set production `.env` file (not committed)", "`config/secrets.yml` is gitignored"],
    propose(facts) {
      const [file] = facts.files;
      if (!file || !NOT_COMMITTED.test(facts.text)) return null;
      return {
        // git exits 1 for a path it does not track, and 128 outside a repository: only 1 passes.
        config: { run: `git ls-files --error-unmatch ${file}`, cwd: "repo" },
        expect: ["exit_code == 1"],
        confidence: 0.7,
        because: [file, ...words(facts, NOT_COMMITTED)],
      };
    },
  },
  {
    name: "file-exists",
    probe: "file",
    summary: "a file or folder named in the item (`rules/bargain.yaml`, docker-compose.yml) -> it exists",
    examples: [
      "Golden dataset in `tests/golden/`",
      "Alert rules in `rules/bargain.yaml` active",
      "docker-compose.yml configured",
      "`analysis.json` - frozen test input",
    ],
    propose(facts) {
      const files = facts.files.filter((f) => !/Dockerfile/i.test(f));
      const [file] = files;
      // "not committed" passes exactly when the file is absent from git, which existence cannot say.
      if (!file || NOT_COMMITTED.test(facts.text)) return null;
      if (/\bimport(?:ed|s)?\b/i.test(facts.text)) return importedModule(file);
      const bare = !file.includes("/") && !file.startsWith(".");
      return {
        config: { target: "repo", path: bare ? `**/${file}` : file.replace(/\/$/, "") },
        expect: ["exists == true"],
        confidence: bare ? 0.5 : 0.7,
        because: [file],
      };
    },
  },
];

/** Rules tried only when no rule of RULES fired and no manual reason fits: guesses, written commented out. */
export const FALLBACK_RULES: readonly Rule[] = [
  {
    name: "metric-target",
    probe: "promql",
    summary: "any other rate / usage / time target -> a PromQL query named after its words, to be written",
    examples: ["Conflict rate < 0.2%", "Queue usage ≤ 5%", "Runtime ≤ 40ms per batch"],
    propose(facts) {
      const target = findTarget(facts, (t) => t.op !== "==" && (t.unit === "%" || isDuration(t)));
      const name = target ? metricName(target.metric) : "";
      if (!target || name === "") return null;
      const series = isDuration(target) ? `${name}_seconds` : name;
      return {
        config: { target: "prom", query: series },
        expect: [`value ${target.op} ${quantity(target)}`, "samples > 0"],
        confidence: 0.2,
        because: [target.text, `query guessed from the words: write the real one`],
      };
    },
  },
];

/** `Singleton rate` -> `singleton_rate`; words that only frame the target are left out. */
function metricName(words: string): string {
  const frame = /^(?:target|at|baseline|high|low|monitor|the|per|all|max|min|average|avg|stays?|kept)$/i;
  return words
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "" && !frame.test(w))
    .join("_");
}

function sizeFactor(unit: string): number {
  const power = { K: 1, M: 2, G: 3, T: 4 }[unit.charAt(0) as "K"] ?? 0;
  return (unit.includes("i") ? 1024 : 1000) ** power;
}

/**
 * The PromQL for an SLO item: a percentile of the checklist's histogram (or the usual
 * `http_request_duration_seconds`), or the 5xx share of `http_requests_total`.
 */
function sloQuery(
  facts: ItemFacts,
): { query: string; expect: string; target: string; assumed: string | null } | null {
  const latency = findTarget(facts, (t) => isDuration(t) && (t.op === "<" || t.op === "<="));
  if (latency && LATENCY_WORDS.test(`${latency.metric} ${facts.text}`)) {
    const q = { p50: 0.5, p95: 0.95, p99: 0.99 }[percentile(`${latency.metric} ${facts.text}`)];
    const histogram = facts.histogram ?? "http_request_duration_seconds";
    return {
      query: `histogram_quantile(${q}, sum by (le) (rate(${histogram}_bucket[5m])))`,
      expect: `value ${latency.op} ${quantity(latency)}`,
      target: latency.text,
      assumed: facts.histogram ? null : histogram,
    };
  }
  const total = "sum(rate(http_requests_total[5m]))";
  const error = /\berror rates?\b/i.test(facts.text)
    ? findTarget(facts, (t) => t.unit === "%" && (t.op === "<" || t.op === "<="))
    : null;
  if (error) {
    return {
      query: `sum(rate(http_requests_total{code=~"5.."}[5m])) / ${total}`,
      expect: `value ${error.op} ${quantity(error)}`,
      target: error.text,
      assumed: "http_requests_total",
    };
  }
  const success = /\bsuccess rate\b/i.test(facts.text)
    ? findTarget(facts, (t) => t.unit === "%" && (t.op === ">" || t.op === ">="))
    : null;
  if (!success) return null;
  return {
    query: `sum(rate(http_requests_total{code!~"5.."}[5m])) / ${total}`,
    expect: `value ${success.op} ${quantity(success)}`,
    target: success.text,
    assumed: "http_requests_total",
  };
}

const NOT_COMMITTED =
  /\bnot (?:be )?committed\b|\bnever committed\b|\buncommitted\b|\buntracked\b|\bgit-?ignored\b|\bnot (?:in|checked into) git\b/i;

/**
 * "`Monitor.ts` imported in app": some other source imports it (`from "@/lib/Monitor"`). A guess
 * written commented out: the glob is the whole repository and the file probe reads 1 MiB at most.
 */
function importedModule(file: string): RuleProposal | null {
  const match = /(?:^|\/)([\w.-]+?)(\.[cm]?[jt]sx?)$/.exec(file);
  if (!match) return null;
  return {
    config: { target: "repo", path: `**/*${match[2]}` },
    expect: [`content contains "/${match[1]}"`],
    confidence: 0.4,
    because: [file, "imported", "narrow the path to the app's sources (at most 1 MiB is read)"],
  };
}

/** Below REVIEW_BELOW: a load run on a guessed route is written commented out. */
const NO_ROUTE = 0.4;
/** Words that make a latency or error target something other than a load run's. */
const NOT_A_LOAD_RUN = /sustained|over the last|alert|panel|dashboard|histogram|exporter/i;

/** The k6 block of a script run: the same for every item that names the run, so they share one check. */
function k6Config(run: K6Run): Record<string, unknown> {
  return {
    target: "repo",
    script: run.script,
    ...(run.args.length > 0 ? { args: run.args } : {}),
    timeout: "15m",
  };
}

/** An error rate (`< 1%`) and a success rate (`> 99%`) stated by the item. */
function rateTargets(facts: ItemFacts) {
  return {
    error: findTarget(facts, (t) => t.unit === "%" && (t.op === "<" || t.op === "<="), /error/),
    success: findTarget(facts, (t) => t.unit === "%" && (t.op === ">" || t.op === ">="), /success/),
  };
}

/** The route a load run is about: the item's own, its parent's, or the one its section's shape names. */
function loadRoute(facts: ItemFacts): string | undefined {
  const routes = [
    ...facts.paths,
    ...facts.parentPaths,
    ...(facts.sectionShape?.path ? [facts.sectionShape.path] : []),
  ];
  return routes.find((p) => !isMetricsPath(p));
}

/** What the run had to guess, for the reviewer: the route, the shape. */
function loadBecause(facts: ItemFacts, path: string | undefined): string[] {
  return [
    path ?? "no route in the item or its section: / is a guess",
    ...(facts.sectionShape ? [] : ["shape assumed (10 VUs for 10s): state yours"]),
  ];
}

/** The load block: the route, and the shape the item or its section states ("150 VUs for 3 minutes"). */
function loadConfig(facts: ItemFacts, path: string | undefined): Record<string, unknown> {
  const text = facts.sectionShape?.text ?? facts.text;
  const vus = /(\d+)\s*VUs?\b/i.exec(text)?.[1];
  const rate = /(\d+)\s*(?:requests per second|req\/s(?:ec)?|rps)\b/i.exec(text)?.[1];
  const duration = proseDuration(/\bfor (\d+\s*\w+)/i.exec(text)?.[1] ?? "") ?? "10s";
  const load = rate && !vus ? { rate: Number(rate) } : { vus: vus ? Number(vus) : 10 };
  return { target: "api", path: path ?? "/", ...load, duration };
}
