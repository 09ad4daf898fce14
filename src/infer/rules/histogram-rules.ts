import {
  findTarget,
  isDuration,
  percentile,
  proseDuration,
  quantity,
  withRoute,
  words,
} from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { firstPath, LATENCY_WORDS } from "./words.js";

/** Latency targets read from the checklist's own histogram: scraped, or queried over a range. */
export const HISTOGRAM_RULES: readonly Rule[] = [
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
];
