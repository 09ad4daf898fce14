import { findTarget, isDuration, percentile, quantity } from "../rule-helpers.js";
import type { ItemFacts, Rule } from "../types.js";
import { LATENCY_WORDS, LOAD_WORDS } from "./words.js";

/** Latency, error and success rate targets outside a load test: a PromQL query. */
export const SLO_RULES: readonly Rule[] = [
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
];

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
