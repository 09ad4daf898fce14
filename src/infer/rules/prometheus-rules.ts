import { findTarget, quantity, words } from "../rule-helpers.js";
import type { Rule } from "../types.js";
import { firstPath, isMetricsPath } from "./words.js";

/** Words that make a snake_case name in the item a metric it claims something about. */
const METRIC_CLAIM =
  /\b(?:metrics?|gauges?|counters?|histograms?|summar(?:y|ies)|exposed|exported|scraped|prometheus|telemetry)\b/i;

/** Prometheus: exposed metrics, the /metrics endpoint, alert and recording rules, firing alerts, scrape targets. */
export const PROMETHEUS_RULES: readonly Rule[] = [
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
      // `redirect_uri` is snake_case too: a name is a metric only in an item (or section) about metrics.
      if (!first || !METRIC_CLAIM.test(`${facts.text} ${facts.context}`)) return null;
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
    summary:
      "'no alerts firing' / 'alerts not firing' -> the firing list is empty; 'no critical alerts' -> no firing series of that severity",
    examples: [
      "No pricing alert is firing",
      "No critical alerts firing",
      "Alerts not firing (after the canary)",
      "No critical alerts",
      "Zero alerts firing during the soak",
      "No warning alerts firing after the deploy",
    ],
    propose(facts) {
      const pattern =
        /\b(?:no|zero)\b.*\balerts?\b.*\bfiring\b|\balerts? (?:are |is )?not firing\b|^(?:no|zero) (?:critical |warning |pag(?:e|ing) |active |open |pricing )?alerts?$/i;
      if (!pattern.test(facts.text)) return null;
      const severity = alertSeverity(facts.text);
      const because = words(facts, pattern);
      if (!severity) return { config: { target: "prom" }, expect: ["firing == 0"], confidence: 0.7, because };
      // The firing list holds every alert: a warning would fail "no critical alerts". Prometheus'
      // ALERTS series carry the rule's labels; with none firing the query is empty, and `series`
      // (unlike `value`) is 0 then, not absent.
      return {
        config: { target: "prom", query: `ALERTS{alertstate="firing",severity="${severity}"}` },
        expect: ["series == 0"],
        confidence: 0.7,
        because: [...because, `assumes alert rules label severity="${severity}"`],
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
];

/** The severity label an item names ("no critical alerts", "no paging alerts"), as rules usually spell it. */
function alertSeverity(text: string): string | null {
  const word = /\b(critical|warning|pag(?:e|ing))\b/i.exec(text)?.[1]?.toLowerCase();
  if (!word) return null;
  return word.startsWith("pag") ? "page" : word;
}
