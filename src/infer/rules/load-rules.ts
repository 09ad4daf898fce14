import {
  findTarget,
  isDuration,
  k6Script,
  percentile,
  proseDuration,
  quantity,
  words,
} from "../rule-helpers.js";
import type { ItemFacts, K6Run, Rule } from "../types.js";
import { GUESSED_ROUTE, GUESSED_ROUTE_WHY, LATENCY_WORDS, LOAD_WORDS, namedRoute } from "./words.js";

/** Load runs: latency and error targets under load, and k6 scripts with their section's targets. */
export const LOAD_RULES: readonly Rule[] = [
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
      const path = namedRoute(facts);
      const underLoad = LOAD_WORDS.test(facts.text) || /\bload\b|performance/.test(facts.context);
      if (!path && !underLoad) return null;
      // A fast 404 passes any latency bound: the run must also mostly succeed.
      return {
        config: loadConfig(facts, path),
        expect: [
          `${percentile(`${target.metric} ${target.text}`)} ${target.op} ${quantity(target)}`,
          ...(/error/i.test(facts.text) ? [] : ["error_rate < 1%"]),
        ],
        confidence: path ? 0.8 : GUESSED_ROUTE,
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
      const path = namedRoute(facts);
      return {
        config: loadConfig(facts, path),
        expect,
        confidence: !path ? GUESSED_ROUTE : error || success ? 0.6 : 0.5,
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
];

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

/** What the run had to guess, for the reviewer: the route, the shape. */
function loadBecause(facts: ItemFacts, path: string | undefined): string[] {
  return [
    path ?? GUESSED_ROUTE_WHY,
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
