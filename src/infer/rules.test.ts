import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseText } from "../../test/support/checklist-bytes.js";
import type { ObservableSpec } from "../core/observation.js";
import { checkExpectation, evaluateExpectation, parseExpectation } from "../expect/index.js";
import promqlProbe from "../probes/promql/index.js";
import { observeQuery } from "../probes/promql/observe-query.js";
import { queryUnit } from "../probes/promql/query-unit.js";
import type { QuerySeries } from "../probes/promql/run-query.js";
import type { Probe } from "../probes/types.js";
import { claimText } from "./claim-text.js";
import { inferChecks } from "./infer-checks.js";
import { collectFacts } from "./item-facts.js";
import { renderConfig } from "./render-config.js";
import { untrackedCommand } from "./rules/file-rules.js";
import { FALLBACK_RULES, RULES } from "./rules/index.js";
import type { ItemFacts } from "./types.js";

/**
 * Facts of the example's subject: the item marked `<!--subject-->` (an HTML comment is not part
 * of the item's text), else the last item. A bare text becomes `- [ ] text`.
 */
function lastFacts(example: string): ItemFacts {
  const markdown = /^[#-]/.test(example) ? example : `- [ ] ${example}`;
  const checklist = parseText(`${markdown}\n`);
  const marked = checklist.items.find((i) => checklist.source.lines[i.line - 1]?.includes("<!--subject-->"));
  const item = marked ?? checklist.items.at(-1);
  if (!item) throw new Error(`no item in ${example}`);
  return collectFacts(checklist).get(item.id) as ItemFacts;
}

function proposalsFor(example: string) {
  const markdown = /^[#-]/.test(example) ? example : `- [ ] ${example}`;
  const checklist = parseText(`${markdown}\n`);
  return inferChecks(checklist).at(-1)?.proposals ?? [];
}

const ALL_RULES = [...RULES, ...FALLBACK_RULES];

describe("every rule fires on its real item texts", () => {
  for (const rule of ALL_RULES) {
    it.each(rule.examples)(`${rule.name}: %s`, (example) => {
      const found = [rule.propose(lastFacts(example)) ?? []].flat();
      expect(found.length, `${rule.name} on ${example}`).toBeGreaterThan(0);
      for (const one of found) {
        expect(one.expect.length).toBeGreaterThan(0);
        expect(one.because.length).toBeGreaterThan(0);
        expect(one.confidence).toBeGreaterThan(0);
        expect(one.confidence).toBeLessThanOrEqual(1);
      }
    });
  }
  it("has unique names and a summary each", () => {
    expect(new Set(ALL_RULES.map((r) => r.name)).size).toBe(ALL_RULES.length);
    for (const rule of ALL_RULES) expect(rule.summary.length).toBeGreaterThan(10);
  });
});

/** What each rule proposes for one item in the project's own words: block (a subset) and expectations. */
const PROPOSED: readonly [
  rule: string,
  example: string,
  config: Record<string, unknown>,
  expect: string[],
][] = [
  [
    "health-endpoint",
    "`/livez` returns 200 in under 250ms",
    { target: "api", path: "/livez" },
    ["status == 200", "latency < 250ms"],
  ],
  [
    "endpoint-response",
    "`/api/offers` returns JSON with at least one offer",
    { target: "api", path: "/api/offers" },
    ["status == 200", 'header.content-type contains "application/json"', "json.offers >= 1"],
  ],
  [
    "endpoint-response",
    "POST /api/offers creates an offer",
    { path: "/api/offers", method: "POST", json: { TODO: "a real request body" } },
    ["status >= 200", "status < 300"],
  ],
  [
    "endpoint-response",
    "DELETE /api/offers/{id} deletes the offer",
    { path: "/api/offers/{id}", method: "DELETE" },
    ["status >= 200", "status < 300"],
  ],
  [
    "secrets-in-response",
    "No secrets exposed in `/api/status` response",
    { path: "/api/status" },
    ["status == 200", "secrets == 0"],
  ],
  [
    "security-headers",
    "HSTS and CSP set on responses",
    { target: "api", path: "/" },
    ['security_headers !contains "HSTS"', 'security_headers !contains "CSP"'],
  ],
  [
    "server-version",
    "Responses never disclose the server software version",
    { target: "api", path: "/" },
    ["header.server !exists", "header.x-powered-by !exists"],
  ],
  [
    "tls",
    "TLS certificate valid for more than 30 days",
    { target: "api" },
    ["valid == true", "hostname_ok == true", "days_left > 30"],
  ],
  [
    "histogram-latency",
    "- [ ] `offer_response_seconds` histogram with a `route` label\n- [ ] `/offer` p95 latency <250ms (from the exporter's histogram)",
    { target: "api", path: "/metrics" },
    ['quantile(offer_response_seconds{route="/offer"}, 0.95) < 250ms'],
  ],
  [
    "sustained-latency",
    "- [ ] `offer_response_seconds` histogram\n- [ ] p99 latency <400ms over the last 2 hours",
    {
      target: "prom",
      query: "histogram_quantile(0.99, sum by (le) (rate(offer_response_seconds_bucket[5m])))",
      range: "2h",
      step: "1m",
    },
    ["max < 400ms", "samples > 0"],
  ],
  [
    "load-latency",
    "`/offer/accept` p99 latency <150ms under load",
    { target: "api", path: "/offer/accept", vus: 10, duration: "10s" },
    ["p99 < 150ms", "error_rate < 1%"],
  ],
  [
    "load-errors",
    "Error rate <0.2% under normal load",
    { target: "api", path: "/", vus: 10 },
    ["error_rate < 0.2%"],
  ],
  [
    "k6-script",
    "- [ ] Soak test passes\n  ```bash\n  k6 run tests/load/soak-offers.js\n  ```",
    { target: "repo", script: "tests/load/soak-offers.js", timeout: "15m" },
    ["http_req_failed.rate < 1%"],
  ],
  [
    "k6-script",
    "Spike test passes (`k6 run --vus 40 load/spike.js`)",
    { script: "load/spike.js", args: ["--vus", "40"] },
    ["http_req_failed.rate < 1%"],
  ],
  [
    "slo-promql",
    "### Post-deploy checks\n- [ ] Latency P95 < 400ms",
    {
      target: "prom",
      query: "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
    },
    ["value < 400ms", "samples > 0"],
  ],
  [
    "slo-promql",
    "- [ ] `offer_response_seconds` histogram\n- [ ] Monitor response times (target: p99 < 900ms)",
    { query: "histogram_quantile(0.99, sum by (le) (rate(offer_response_seconds_bucket[5m])))" },
    ["value < 900ms", "samples > 0"],
  ],
  [
    "slo-promql",
    "Monitor error rates (target: < 2%)",
    { query: 'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))' },
    ["value < 2%", "samples > 0"],
  ],
  [
    "slo-promql",
    "### Canary\n- [ ] Success rate at baseline (> 99.5%)",
    { query: 'sum(rate(http_requests_total{code!~"5.."}[5m])) / sum(rate(http_requests_total[5m]))' },
    ["value > 99.5%", "samples > 0"],
  ],
  [
    "rate-limit-headers",
    "Rate limit headers returned",
    { target: "api", path: "/" },
    ["header.x-ratelimit-limit exists"],
  ],
  [
    "rate-limit",
    "Rate limiting configured (20 req/min per key)",
    { target: "api", path: "/", requests: 30 },
    ["limited > 0", "first_429_at <= 21"],
  ],
  [
    "metric-exposed",
    "`offer_fallback_total` counter by reason",
    { target: "api", path: "/metrics", require: ["offer_fallback_total"] },
    [
      "missing == 0",
      'type(offer_fallback_total) == "counter"',
      'labels(offer_fallback_total) contains "reason"',
    ],
  ],
  [
    "metrics-endpoint",
    "Metrics endpoint exposed at `/metrics`",
    { target: "api", path: "/metrics" },
    ["latency < 5s"],
  ],
  [
    "alert-rule",
    "Alert rule `OfferLatencyHigh` loaded and healthy",
    { target: "prom", rule: "OfferLatencyHigh" },
    ["rule_loaded == true", 'rule_health == "ok"'],
  ],
  ["alerts-firing", "No offer alert is firing", { target: "prom" }, ["firing == 0"]],
  ["alerts-firing", "Alerts not firing (after the canary)", { target: "prom" }, ["firing == 0"]],
  [
    "alerts-firing",
    "No critical alerts firing once the offer canary is live",
    { target: "prom", query: 'ALERTS{alertstate="firing",severity="critical"}' },
    ["series == 0"],
  ],
  [
    "alerts-firing",
    "No paging alerts",
    { target: "prom", query: 'ALERTS{alertstate="firing",severity="page"}' },
    ["series == 0"],
  ],
  [
    "scrape-targets",
    "Prometheus scrapes the offer service (target up)",
    { target: "prom" },
    ["targets_up >= 1", "targets_down == 0"],
  ],
  ["sql-catalog", "All 8+ tables in `offers` schema exist", { target: "db" }, ["tables(offers) >= 8"]],
  [
    "sql-function",
    "Floor function `offers.check_floor()` operational",
    { target: "db", query: "select offers.check_floor()" },
    ["rows == 1"],
  ],
  [
    "sql-extension",
    "pgvector extension installed",
    { target: "db", query: "select extname from pg_extension where extname = 'vector'" },
    ["rows == 1"],
  ],
  [
    "sql-extension",
    "pg_trgm extension enabled",
    { query: "select extname from pg_extension where extname = 'pg_trgm'" },
    ["rows == 1"],
  ],
  ["db-connection", "Database connection healthy", { target: "db", query: "select 1" }, ["value == 1"]],
  ["redis-ttl", "Session keys expire within 20min", { target: "cache" }, ["ttl(session:*) <= 20m"]],
  ["hit-rate", "Redis hit rate ≥88%", { target: "cache" }, ["hit_rate >= 88%"]],
  ["redis-ping", "Cache answers `PING`", { target: "cache" }, ["ping == true"]],
  ["coverage", "Code coverage ≥ 85%", { target: "repo", path: "coverage/lcov.info" }, ["lines >= 85%"]],
  [
    "dockerfile",
    "- [ ] Dockerfile uses a multi-stage build\n  - [ ] Final stage runs as a non-root user",
    { target: "repo", path: "Dockerfile" },
    ["runs_as_root == false"],
  ],
  [
    "dockerfile",
    "Dockerfile created with multi-stage build",
    { target: "repo", path: "Dockerfile" },
    ["stages >= 2"],
  ],
  [
    "image-size",
    "Image size optimized (< 800MB)",
    { run: `test "$(docker image inspect --format '{{.Size}}' "$IMAGE")" -lt 800000000` },
    ["exit_code == 0"],
  ],
  [
    "docker-build",
    "Docker image builds successfully",
    { run: "docker build .", cwd: "repo", timeout: "15m" },
    ["exit_code == 0"],
  ],
  [
    "command-span",
    "- [ ] All unit tests passing\n  ```bash\n  npm test tests/backend/offer-engine.test.ts\n  ```",
    { run: "npm test tests/backend/offer-engine.test.ts", cwd: "repo" },
    ["exit_code == 0"],
  ],
  [
    "command-span",
    "`npm test` - unit tests (12 passing)",
    { run: "npm test", cwd: "repo", timeout: "10m" },
    ["exit_code == 0", 'output contains "12 passing"'],
  ],
  [
    "env-var",
    "- [ ] Slack credentials configured:\n  - [ ] `SLACK_WEBHOOK_URL` set",
    { run: 'test -n "$SLACK_WEBHOOK_URL"' },
    ["exit_code == 0"],
  ],
  [
    "env-var",
    "Worker gate: `OFFER_BATCH_MAX=50`",
    { run: "test \"$OFFER_BATCH_MAX\" = '50'" },
    ["exit_code == 0"],
  ],
  [
    "env-var",
    "Verify `OPENAI_API_KEY` unset for offline runs",
    { run: 'test -z "$OPENAI_API_KEY"' },
    ["exit_code == 0"],
  ],
  [
    "file-exists",
    "Alert rules in `rules/offers.yaml` active",
    { target: "repo", path: "rules/offers.yaml" },
    ["exists == true"],
  ],
  [
    "k6-section-thresholds",
    "#### Load Tests\n- [ ] Checkout load test passes\n  ```bash\n  k6 run load/checkout.js\n  ```\n- [ ] Targets met:\n  - [ ] p99 response time < 900ms",
    { target: "repo", script: "load/checkout.js", timeout: "15m" },
    ["http_req_duration.p99 < 900ms"],
  ],
  [
    "rule-file-loaded",
    "Paging rules in `ops/alerting/paging.yml` are alert rules Prometheus runs",
    { target: "prom", query: 'sum(prometheus_rule_group_rules{rule_group=~".*paging.yml;.*"})' },
    ["value >= 1", "samples > 0"],
  ],
  [
    "file-not-committed",
    "Local `secrets.local.json` (not committed)",
    { run: untrackedCommand("secrets.local.json"), cwd: "repo" },
    ["exit_code == 0"],
  ],
  [
    "file-exists",
    "`AuditTrail.ts` imported in the server",
    { target: "repo", path: "**/*.ts" },
    ['content contains "/AuditTrail"'],
  ],
  [
    "test-suite-command",
    "- [ ] Integration suite\n  ```bash\n  make test-integration\n  ```\n- [ ] Integration tests pass on staging",
    { run: "make test-integration", cwd: "repo", timeout: "10m" },
    ["exit_code == 0"],
  ],
  [
    "metric-target",
    "Conflict rate < 0.2%",
    { target: "prom", query: "conflict_rate" },
    ["value < 0.2%", "samples > 0"],
  ],
  [
    "metric-target",
    "Runtime ≤ 40ms per batch",
    { target: "prom", query: "runtime_seconds" },
    ["value <= 40ms", "samples > 0"],
  ],
];

describe("what each rule proposes", () => {
  it.each(PROPOSED)("%s: %s", (name, example, config, expectations) => {
    const rule = ALL_RULES.find((r) => r.name === name);
    const [found] = [rule?.propose(lastFacts(example)) ?? []].flat();
    expect(found?.config).toMatchObject(config);
    expect(found?.expect).toEqual(expectations);
  });

  it("covers every rule", () => {
    const tested = new Set(PROPOSED.map(([name]) => name));
    expect(ALL_RULES.map((r) => r.name).filter((n) => !tested.has(n))).toEqual([]);
  });
});

describe("what is proposed for real items", () => {
  it.each([
    [
      "`/healthz` returns 200 in under 300ms",
      "http",
      { path: "/healthz" },
      ["status == 200", "latency < 300ms"],
    ],
    [
      "`/session/start` p95 latency <300ms under load",
      "load",
      { path: "/session/start" },
      ["p95 < 300ms", "error_rate < 1%"],
    ],
    ["P99 latency < 1000ms under load", "load", { path: "/" }, ["p99 < 1000ms", "error_rate < 1%"]],
    [
      "k6 load test passes with 150 VUs for 3 minutes",
      "load",
      { vus: 150, duration: "3m" },
      ["error_rate < 1%"],
    ],
    [
      "`/api/orders` p95 latency under 200ms at 50 requests per second",
      "load",
      { rate: 50, path: "/api/orders" },
      ["p95 < 200ms", "error_rate < 1%"],
    ],
    [
      "Rate limiting configured (30 req/min per IP)",
      "burst",
      { requests: 40 },
      ["limited > 0", "first_429_at <= 31"],
    ],
    [
      "`bargain_redis_hit_rate` gauge â‰¥0.90",
      "metrics",
      { require: ["bargain_redis_hit_rate"] },
      ["missing == 0", 'type(bargain_redis_hit_rate) == "gauge"', "value(bargain_redis_hit_rate) >= 0.9"],
    ],
    [
      "ProfitGuardBreach alert configured for auto-rollback",
      "promql",
      { rule: "ProfitGuardBreach" },
      ["rule_loaded == true", 'rule_health == "ok"'],
    ],
    ["All 15+ tables in `ai` schema exist", "sql", { target: "db" }, ["tables(ai) >= 15"]],
    [
      "Never-loss function `ai.assert_never_loss()` operational",
      "sql",
      { query: "select ai.assert_never_loss()" },
      ["rows == 1"],
    ],
    [
      "TTL configuration correct (policies:âˆž, rates:5min, features:24h, sessions:30min)",
      "redis",
      { target: "cache" },
      ["ttl(policies:*) > 3650d", "ttl(rates:*) <= 5m", "ttl(features:*) <= 24h", "ttl(sessions:*) <= 30m"],
    ],
    ["Hit rate â‰¥85% during normal operations", "redis", { target: "cache" }, ["hit_rate >= 85%"]],
    ["Unit test coverage > 80%", "coverage", { path: "coverage/lcov.info" }, ["lines > 80%"]],
    [
      "`npm test` - unit tests (15 passing)",
      "command",
      { run: "npm test" },
      ["exit_code == 0", 'output contains "15 passing"'],
    ],
    [
      "No secrets exposed in `/api/health` response",
      "http",
      { path: "/api/health" },
      ["status == 200", "secrets == 0"],
    ],
    [
      "Alert rules in `rules/bargain.yaml` active",
      "file",
      { path: "rules/bargain.yaml" },
      ["exists == true"],
    ],
    [
      "Config documented in `configs/prod.env.example`",
      "file",
      { path: "configs/prod.env.example" },
      ["exists == true"],
    ],
    ["SSL certificates valid", "tls", { target: "api" }, ["valid == true", "hostname_ok == true"]],
  ] as const)("%s -> %s", (text, probe, config, expectations) => {
    const proposal = proposalsFor(text).find((p) => p.probe === probe);
    expect(proposal?.config).toMatchObject(config);
    expect(proposal?.expect).toEqual(expectations);
  });

  it("gives the parent of metric items the children's names as required", () => {
    const [parent] = inferChecks(
      parseText(
        "- [ ] `/metrics` endpoint exposing all required Prometheus metrics\n  - [ ] `a_b_seconds` histogram\n  - [ ] `c_d` gauge\n",
      ),
    );
    expect(parent?.proposals[0]).toMatchObject({
      probe: "metrics",
      config: { require: ["a_b_seconds", "c_d"] },
    });
  });

  it("checks that alert rules in a named file are loaded, not only that the file exists", () => {
    const proposals = proposalsFor("Alert rules from `ops/alerting/paging.yml` enabled");
    expect(proposals.map((p) => p.probe).sort()).toEqual(["file", "promql"]);
    expect(proposals.every((p) => p.confidence >= 0.5)).toBe(true);
  });

  it("never proposes existence for a file that must not be committed", () => {
    const proposals = proposalsFor("Staging `.env.staging` file kept local (never committed)");
    expect(proposals.map((p) => [p.probe, p.expect])).toEqual([["command", ["exit_code == 0"]]]);
    expect(proposals[0]?.config.run).toBe(untrackedCommand(".env.staging"));
  });

  it("writes an 'imported' check commented out, never as bare existence", () => {
    const proposals = proposalsFor("`AuditTrail.ts` imported in the server");
    expect(proposals.map((p) => p.expect)).toEqual([['content contains "/AuditTrail"']]);
    expect(proposals[0]?.confidence).toBeLessThan(0.5);
  });

  it("binds a bare 'all unit tests passing' to the checklist's unit test check", () => {
    const markdown = [
      "### Tests",
      "- [ ] Unit tests green",
      "  ```bash",
      "  npm run test:unit",
      "  ```",
      "### Sign-off",
      "- [ ] All unit tests passing (100%)",
    ].join("\n");
    const checklist = parseText(`${markdown}\n`);
    const text = renderConfig(checklist, inferChecks(checklist), { available: new Set(["command"]) });
    expect(text.split("\n").filter((l) => /^\s+command: /.test(l))).toEqual([
      '    command: { run: "npm run test:unit", cwd: "repo", timeout: "10m" }',
    ]);
    expect(text).toContain('item: ["Unit tests green", "All unit tests passing (100%)"]');
  });

  it("prefers a named alert over the rule file's group", () => {
    const promql = proposalsFor("Alert rule `CheckoutErrorsHigh` in `ops/paging.yml` loaded").filter(
      (p) => p.probe === "promql",
    );
    expect(promql.map((p) => p.config)).toEqual([{ target: "prom", rule: "CheckoutErrorsHigh" }]);
  });

  it("proposes both http headers and tls for 'HTTPS enforced with proper headers'", () => {
    expect(proposalsFor("HTTPS enforced with proper headers").map((p) => p.probe)).toEqual(["http", "tls"]);
  });
});

describe("people and paperwork stay manual", () => {
  it.each([
    "Team trained on new error codes",
    "Privacy policy reviewed",
    "Business stakeholders signed off",
    "Engineering Lead approval",
    "Runbooks reviewed by on-call team",
    "Update `PAIRING-SYSTEM.md` with production thresholds",
    "Rollback procedures documented",
    "Response time targets defined (< 1s p95)",
    "Screenshots of green Grafana panels attached",
  ])("%s", (text) => {
    const [inference] = inferChecks(parseText(`- [ ] ${text}\n`));
    expect(inference?.proposals).toEqual([]);
    expect(inference?.manualReason).toMatch(/a person's job/);
  });

  it.each([
    "Kubernetes manifests (if using K8s)",
    "WAF configured (if required)",
    "SDK/client libraries (if applicable)",
  ])("%s is a waiver candidate", (text) => {
    expect(inferChecks(parseText(`- [ ] ${text}\n`))[0]?.waiverReason).toMatch(/^not applicable here \(if /);
  });
});

describe("what stays manual, or is written as a guess to review", () => {
  it.each([
    ["- [ ] Critical alerts configured\n  - [ ] Error rate > 4%", /^an alert threshold \(> 4%\)/],
    ["- [ ] Critical alerts configured\n  - [ ] p95 latency > 3s", /^an alert threshold \(> 3s\)/],
    ["- [ ] Offer database backups configured", /^backups are the database provider's settings/],
    ["- [ ] Offer latency panel shows <250ms", /^a dashboard a person looks at/],
    ["- [ ] Rollback time measured (< 4 minutes)", /^a measurement a person takes/],
  ])("%s", (markdown, reason) => {
    const inference = inferChecks(parseText(`${markdown}\n`)).at(-1);
    expect(inference?.proposals).toEqual([]);
    expect(inference?.manualReason).toMatch(reason);
  });

  it.each([
    ["- [ ] Apply the offers migration\n  ```bash\n  npx prisma migrate deploy\n  ```", "command"],
    ["GET /api/offers/[id] returns the offer", "http"],
    ["PATCH /api/offers/:id updates the offer", "http"],
    ["Conflict rate < 0.2%", "promql"],
    ["Rate limiting enforced for each client token", "burst"],
  ])("%s is proposed below 0.5 (written commented out)", (example, probe) => {
    const [proposal] = proposalsFor(example);
    expect(proposal?.probe).toBe(probe);
    expect(proposal?.confidence).toBeLessThan(0.5);
  });

  it("makes a burst live only with a stated limit on a named route", () => {
    const [limited] = proposalsFor("`/api/offers` limited for each client token (60 requests per minute)");
    expect(limited).toMatchObject({
      probe: "burst",
      config: { path: "/api/offers", requests: 70 },
      expect: ["limited > 0", "first_429_at <= 61"],
    });
    expect(limited?.confidence).toBeGreaterThanOrEqual(0.5);
    const [parent] = proposalsFor(
      "- [ ] `POST /api/offers` protected:\n  - [ ] Rate limited at 5 req/min per user",
    );
    expect(parent).toMatchObject({ config: { path: "/api/offers" } });
    expect(parent?.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    ["Rate limiting enforced for each client token (60 requests per minute)", "burst"],
    ["Offer service answers with rate-limit headers", "http"],
  ])("writes %s on a guessed / commented out", (example, probe) => {
    const markdown = `- [ ] ${example}\n`;
    const inferences = inferChecks(parseText(markdown));
    const [proposal] = inferences.at(-1)?.proposals ?? [];
    expect(proposal).toMatchObject({ probe, config: { path: "/" } });
    expect(proposal?.confidence).toBeLessThan(0.5);
    expect(proposal?.because).toContain("no route in the item or its section: / is a guess");
    const text = renderConfig(parseText(markdown), inferences, { available: new Set([probe]) });
    expect(text).toMatch(new RegExp(`^ +# +${probe}: \\{ target: "api", path: "/"`, "m"));
  });

  it("keeps rate-limit headers live on a named route", () => {
    const [headers] = proposalsFor("Rate-limit headers on `/api/offers` responses");
    expect(headers).toMatchObject({ probe: "http", config: { path: "/api/offers" } });
    expect(headers?.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it("leaves a load test with its own k6 script to the k6 probe", () => {
    const example = "#### Load Tests\n- [ ] Soak test passes\n  ```bash\n  k6 run tests/load/soak.js\n  ```";
    expect(proposalsFor(example).map((p) => p.probe)).toEqual(["k6"]);
  });

  it("reads only a block fenced inside the item, not one after the list", () => {
    const checklist = parseText("- [ ] Unit tests pass\n\n```bash\nnpm test\n```\n");
    expect(inferChecks(checklist)[0]?.proposals).toEqual([]);
  });

  it("gives SLOs under a load section to the load rules, not promql", () => {
    const probes = proposalsFor("#### Load Tests\n- [ ] All targets met:\n  - [ ] Error rate < 1%").map(
      (p) => p.probe,
    );
    expect(probes).toEqual(["load"]);
  });
});

describe("a rule fires on what the item claims, not on what it cites", () => {
  /** The checks init would write live (confidence 0.5 or more) for the last item. */
  const live = (example: string) => proposalsFor(example).filter((p) => p.confidence >= 0.5);

  it.each([
    "Pick well-worn libraries, see https://example.org/boring-tech",
    "No customer emails in the logs (https://example.org/gdpr-art-4)",
    "Shutdown drains requests on SIGTERM. https://example.org/disposability",
    "Settings come from the environment (see https://example.org/config)",
  ])("a URL it cites is a reference, not a target: %s", (text) => {
    expect(proposalsFor(text)).toEqual([]);
  });

  it("reads the claim without its references, and keeps a parenthesis that states something", () => {
    expect(claimText("Errors are tracked (e.g. Sentry, https://x.example/y) in every service")).toBe(
      "Errors are tracked in every service",
    );
    expect(claimText("No secrets in logs (https://example.org/a) ok")).toBe("No secrets in logs ok");
    expect(claimText("Unit tests pass (>80% coverage)")).toBe("Unit tests pass (>80% coverage)");
    expect(claimText("Security headers set (HSTS, CSP)")).toBe("Security headers set (HSTS, CSP)");
  });

  it("takes no product named in a sentence about a design rule for an alert rule", () => {
    expect(proposalsFor("Keep the fan-out rule: only the GraphQL gateway may call several services")).toEqual(
      [],
    );
    // The name beside the word still is one.
    expect(proposalsFor("QuoteLatencyHigh alert loaded")[0]?.config).toEqual({
      target: "prom",
      rule: "QuoteLatencyHigh",
    });
    expect(proposalsFor("Alert rule QuoteErrorsHigh healthy")[0]?.config).toMatchObject({
      rule: "QuoteErrorsHigh",
    });
  });

  it.each([
    "Outbound calls to the payment provider use TLS",
    "TLS between services inside the cluster",
    "Certificate expiry monitoring set up",
    "SSL expiry alerts reach the on-duty engineer",
    "Client certificates required by the partner API",
  ])("proposes no handshake with the service for TLS it does not serve: %s", (text) => {
    expect(proposalsFor(text).filter((p) => p.probe === "tls")).toEqual([]);
  });

  it("writes TLS 'in transit' commented out: the service's endpoint is one hop of many", () => {
    const [tls] = proposalsFor("Traffic encrypted in transit (TLS)");
    expect(tls).toMatchObject({ probe: "tls", config: { target: "api" } });
    expect(tls?.confidence).toBeLessThan(0.5);
    expect(live("Quote API served over HTTPS").map((p) => p.probe)).toEqual(["tls"]);
  });

  it("checks FROM tags only when the item is about base images, not the tag the image ships with", () => {
    expect(live("No latest tag: the Docker image ships tagged with its release")).toEqual([]);
    expect(live("### Containers\n- [ ] Base images pinned, never `:latest`")[0]).toMatchObject({
      probe: "dockerfile",
      expect: ["latest_tags == 0"],
    });
  });

  it("takes a snake_case name for a metric only in an item or section about metrics", () => {
    expect(proposalsFor("Login callback checks `return_to` against the allow list")).toEqual([]);
    expect(proposalsFor("`quote_requests_total` counter by route")[0]?.probe).toBe("metrics");
    expect(proposalsFor("### Metrics\n- [ ] `quote_cache_hits_total` present")[0]?.probe).toBe("metrics");
  });

  it("writes TLS on a system the item names by name commented out: it may not be the one api reaches", () => {
    const [other] = proposalsFor("TLS turned on for Kafka brokers' listeners");
    expect(other === undefined || other.confidence < 0.5).toBe(true);
    const [named] = proposalsFor("TLS configured on Etcd peers");
    expect(named).toMatchObject({ probe: "tls" });
    expect(named?.confidence).toBeLessThan(0.5);
    expect(live("TLS configured on the load balancer").map((p) => p.probe)).toEqual(["tls"]);
  });

  it.each([
    "`docs/ONCALL.md` names who answers pages",
    "Quote service README.md explains how to run it",
    "Feature switches documented in `flags/defaults.yml`",
  ])("writes a document's or a person's file check commented out: %s", (text) => {
    const proposals = proposalsFor(text);
    expect(proposals.map((p) => p.probe)).toEqual(["file"]);
    expect(proposals[0]?.confidence).toBeLessThan(0.5);
  });
});

describe("'all health endpoints' checks the ones the checklist names", () => {
  it("proposes one http check per health path written in code elsewhere", () => {
    const markdown = [
      "- [ ] Queue worker answers on `/internal/queue/health`",
      "- [ ] Nothing private in the `/api/health` body",
      "- [ ] Every health endpoint returns 200",
    ].join("\n");
    const proposals = proposalsFor(markdown);
    expect(proposals.map((p) => [p.probe, p.config.path, p.expect])).toEqual([
      ["http", "/internal/queue/health", ["status == 200"]],
      ["http", "/api/health", ["status == 200"]],
    ]);
    for (const proposal of proposals) expect(proposal.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it("writes a guessed /health commented out when none is named", () => {
    const [proposal] = proposalsFor("All health endpoints answering 200");
    expect(proposal).toMatchObject({ probe: "http", config: { path: "/health" } });
    expect(proposal?.confidence).toBeLessThan(0.5);
  });
});

describe("load thresholds join the run their section names", () => {
  const k6Section = [
    "#### Load Tests",
    "- [ ] Checkout load test passes",
    "  ```bash",
    "  k6 run load/checkout.js",
    "  ```",
    "- [ ] Targets met:",
    "  - [ ] Median response time < 120ms",
    "  - [ ] Failed requests (error rate) < 2%",
    "  - [ ] Success rate >= 98%",
  ].join("\n");

  it("makes each threshold an expectation on the section's k6 check, with no load run", () => {
    const inferences = inferChecks(parseText(`${k6Section}\n`));
    const [script, ...thresholds] = inferences.filter((i) => i.proposals.length > 0);
    expect(inferences.flatMap((i) => i.proposals).map((p) => p.probe)).not.toContain("load");
    expect(thresholds.map((t) => t.proposals.map((p) => p.expect))).toEqual([
      [["http_req_duration.med < 120ms"]],
      [["http_req_failed.rate < 2%"]],
      [["checks.rate >= 98%"]],
    ]);
    for (const threshold of thresholds)
      expect(threshold.proposals[0]?.config).toEqual(script?.proposals[0]?.config);
  });

  it("writes one k6 check bound to the script's item and every threshold item", () => {
    const checklist = parseText(`${k6Section}\n`);
    const text = renderConfig(checklist, inferChecks(checklist), { available: new Set(["k6"]) });
    const k6Lines = text.split("\n").filter((l) => /^\s+k6: /.test(l));
    expect(k6Lines).toHaveLength(1);
    expect(text).toContain(
      'item: ["Checkout load test passes", "Median response time < 120ms", "Failed requests (error rate) < 2%", "Success rate >= 98%"]',
    );
  });

  it("writes a load run with no route in the item or its section commented out", () => {
    const [proposal] = proposalsFor("#### Capacity\n- [ ] p95 latency stays under 250ms under load");
    expect(proposal).toMatchObject({ probe: "load", config: { path: "/" } });
    expect(proposal?.confidence).toBeLessThan(0.5);
  });

  it("takes the route from the parent item", () => {
    const [proposal] = proposalsFor("- [ ] `/api/cart` under load:\n  - [ ] p95 latency < 250ms");
    expect(proposal).toMatchObject({ probe: "load", config: { path: "/api/cart" } });
    expect(proposal?.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it("gives sibling thresholds the shape the section states, in one run, live or commented together", () => {
    const markdown = [
      "### Capacity",
      "- [ ] Load test passes with 80 VUs for 2 minutes",
      "- [ ] p95 latency stays under 250ms under load",
      "- [ ] Error rate stays < 2% under load",
    ].join("\n");
    const inferences = inferChecks(parseText(`${markdown}\n`));
    const runs = inferences.map((i) => i.proposals[0]);
    for (const run of runs)
      expect(run?.config).toEqual({ target: "api", path: "/", vus: 80, duration: "2m" });
    expect(new Set(runs.map((r) => (r?.confidence ?? 0) >= 0.5))).toEqual(new Set([false]));
    const text = renderConfig(parseText(`${markdown}\n`), inferences, { available: new Set(["load"]) });
    expect(text.split("\n").filter((l) => /^\s+# +load: /.test(l))).toHaveLength(1);
  });
});

describe("load and burst proposals fit those probes' schemas and observables", () => {
  // The probes are being registered; until then they are checked here straight from their folders.
  const folder = new URL("../probes/", import.meta.url);
  const ready = ["load", "burst"].every((name) => existsSync(new URL(`${name}/index.ts`, folder)));
  it
    .runIf(ready)
    .each([
      "`/session/start` p95 latency <300ms under load",
      "`/api/orders` p95 latency under 200ms at 50 requests per second",
      "k6 load test passes with 150 VUs for 3 minutes",
      "#### Load Tests\n- [ ] All performance targets met:\n  - [ ] Success rate > 99%",
      "Rate limiting configured (30 req/min per IP)",
      "429 responses with retry-after",
    ])("%s", async (example) => {
    const proposals = proposalsFor(example).filter((p) => p.probe === "load" || p.probe === "burst");
    expect(proposals).toHaveLength(1);
    for (const proposal of proposals) {
      const module =
        proposal.probe === "load" ? import("../probes/load/index.js") : import("../probes/burst/index.js");
      const probe = (await module).default as Probe<unknown>;
      const parsed = probe.configSchema.safeParse(proposal.config);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      for (const text of proposal.expect) {
        const result = parseExpectation(text);
        if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
        const spec = probe.observables[result.expectation.observable.name];
        expect(spec, text).toBeDefined();
        expect(checkExpectation(result.expectation, spec as ObservableSpec), text).toBeNull();
      }
    }
  });
});

describe("'no critical alerts' counts firing series of that severity, not every alert", () => {
  const [proposal] = proposalsFor("No critical alerts firing on the offer service");
  const query = String(proposal?.config.query);
  function judge(series: QuerySeries[]) {
    const parsed = parseExpectation(proposal?.expect[0] ?? "");
    if (!parsed.ok) throw new Error(parsed.error.message);
    const answer = { resultType: "vector" as const, series, warnings: [] };
    const seen = observeQuery(answer, queryUnit(query), [parsed.expectation.observable]);
    return [seen.errors, evaluateExpectation(parsed.expectation, seen.observations)];
  }

  it("asks Prometheus for critical firing alerts only", () => {
    expect(proposal).toMatchObject({ probe: "promql", expect: ["series == 0"] });
    expect(query).toBe('ALERTS{alertstate="firing",severity="critical"}');
    expect(promqlProbe.configSchema.safeParse(proposal?.config).success).toBe(true);
  });

  it("passes on an empty result (no data is not an error for series)", () => {
    expect(judge([])).toEqual([undefined, expect.objectContaining({ ok: true, actual: "0" })]);
  });

  it("fails when a critical alert fires", () => {
    const firing = { labels: { alertname: "OfferErrorsHigh", severity: "critical" }, values: [1] };
    expect(judge([firing])).toEqual([undefined, expect.objectContaining({ ok: false, actual: "1" })]);
  });

  it("keeps the plain firing list when no severity is named", () => {
    expect(proposalsFor("Zero offer alerts firing")[0]?.expect).toEqual(["firing == 0"]);
  });
});
