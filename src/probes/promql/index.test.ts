import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Exporter, startExporter } from "../../../test/support/prometheus-exporter.js";
import { prometheusContext } from "../../../test/support/prometheus-probe-context.js";
import {
  PROMETHEUS_INSTALLED,
  type RunningPrometheus,
  startPrometheus,
  waitFor,
} from "../../../test/support/prometheus-server.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import type { Quantity } from "../../core/observation.js";
import { evaluateExpectation, parseExpectation } from "../../expect/index.js";
import metricsProbe from "../metrics/index.js";
import { run as runMetrics } from "../metrics/runner.js";
import type { ProbeResult } from "../types.js";
import promqlProbe from "./index.js";
import { run as runPromql } from "./runner.js";

// A fixed histogram (the same on every scrape, so Prometheus and a direct scrape see the same
// buckets), a live one that grows by the same 10 observations per scrape (so rate() has data), a gauge.
const FIXED = `# TYPE test_latency_seconds histogram
${bucketLines("test_latency_seconds", '{route="/a",', [7, 31, 64, 90, 97, 100])}
test_latency_seconds_sum{route="/a"} 19.7
test_latency_seconds_count{route="/a"} 100
${bucketLines("test_latency_seconds", '{route="/b",', [1, 2, 20, 21, 30, 33])}
test_latency_seconds_sum{route="/b"} 9.1
test_latency_seconds_count{route="/b"} 33
# TYPE test_gauge gauge
test_gauge 10
`;

function bucketLines(name: string, labels: string, counts: number[]): string {
  const bounds = ["0.05", "0.1", "0.25", "0.5", "1", "+Inf"];
  return counts.map((count, i) => `${name}_bucket${labels}le="${bounds[i]}"} ${count}`).join("\n");
}

function exposition(scrape: number): string {
  const live = bucketLines(
    "test_live_seconds",
    "{",
    [5, 5, 9, 10, 10, 10].map((c) => c * scrape),
  );
  return `${FIXED}# TYPE test_live_seconds histogram\n${live}\ntest_live_seconds_count ${10 * scrape}\n`;
}

const RULES = `groups:
  - name: test
    rules:
      - alert: TestGaugeHigh
        expr: test_gauge > 5
        for: 0s
        labels: { severity: page }
      - alert: TestNeverFires
        expr: test_gauge > 1000
      - record: job:test_latency_seconds:p95
        expr: histogram_quantile(0.95, sum by (le) (test_latency_seconds_bucket))
`;

let exporter: Exporter;
let prometheus: RunningPrometheus;

beforeAll(async () => {
  if (!PROMETHEUS_INSTALLED) return;
  exporter = await startExporter(exposition);
  prometheus = await startPrometheus({
    jobs: { exporter: [`127.0.0.1:${exporter.port}`], gone: ["127.0.0.1:1"] },
    rules: RULES,
  });
  // Ready when rate() has two scrapes of data, every rule has been evaluated and the alert fires.
  await waitFor("data, rules and the alert", async () => {
    const query = "count_over_time(test_live_seconds_count[1m]) >= 3";
    const live = (await prometheus.api("query", { query })) as { result: unknown[] } | undefined;
    const rules = (await prometheus.api("rules")) as {
      groups: { rules: { health: string; state?: string }[] }[];
    };
    const all = rules.groups.flatMap((g) => g.rules);
    const evaluated = all.length === 3 && all.every((r) => r.health === "ok");
    return (live?.result.length ?? 0) > 0 && evaluated && all.some((r) => r.state === "firing")
      ? true
      : undefined;
  });
}, 20_000);
afterAll(async () => {
  await prometheus?.stop();
  await exporter?.close();
});

function promql(
  config: Record<string, unknown>,
  requested: string[],
  timeoutMs = 2000,
): Promise<ProbeResult> {
  const context = prometheusContext({ timeoutMs, requested, targets: { prom: { url: prometheus.url } } });
  return runPromql(promqlProbe.configSchema.parse({ target: "prom", ...config }), context);
}

/** Runs the probe for `expressions` and judges them as the engine does: [ok, actual, error?] each. */
async function judge(config: Record<string, unknown>, expressions: string[]) {
  const expectations = expressions.map((text) => {
    const parsed = parseExpectation(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.expectation;
  });
  const result = await promql(
    config,
    expectations.map((e) => e.observable.text),
  );
  expect(result.error).toBeUndefined();
  return expectations.map((e) => {
    const { ok, actual, error } = evaluateExpectation(e, result.observations);
    return error === undefined ? [ok, actual] : [ok, actual, error];
  });
}

const ms = (observed: unknown) => (observed as Quantity).value;

const TITLE = PROMETHEUS_INSTALLED
  ? "promql probe against a real Prometheus"
  : "promql probe against a real Prometheus: SKIPPED, no `prometheus` on PATH (apt-get install prometheus)";

describe.skipIf(!PROMETHEUS_INSTALLED)(TITLE, () => {
  it("agrees with the metrics probe's quantile() on the same buckets, to float precision", async () => {
    const scrape = await runMetrics(
      metricsProbe.configSchema.parse({ url: `${exporter.url}/metrics` }),
      prometheusContext({
        requested: [0.25, 0.5, 0.9, 0.95, 0.99, 1].flatMap((q) => [
          `quantile(test_latency_seconds, ${q})`,
          `quantile(test_latency_seconds{route="/b"}, ${q})`,
        ]),
      }),
    );
    expect(scrape.error).toBeUndefined();
    for (const [ref, mine] of Object.entries(scrape.observations).filter(([key]) =>
      key.startsWith("quantile"),
    )) {
      const [, selector = "", q = ""] = /^quantile\(test_latency_seconds(\{.*\})?, (.+)\)$/.exec(ref) ?? [];
      const query = `histogram_quantile(${q}, sum by (le) (test_latency_seconds_bucket${selector}))`;
      const theirs = await promql({ query }, ["value"]);
      expect(theirs.evidence?.unit).toBe("seconds (from test_latency_seconds_bucket)");
      expect(ms(theirs.observations.value), ref).toBeCloseTo(ms(mine), 9);
    }
  });

  it("p95 from rate() over the last minutes: value, and max/avg over a range", async () => {
    const rate = "sum by (le) (rate(test_live_seconds_bucket[1m]))";
    expect(
      await judge({ query: `histogram_quantile(0.95, ${rate})` }, ["value < 300ms", "samples > 0"]),
    ).toEqual([
      [false, "375ms"],
      [true, "1"],
    ]);
    const sustained = { query: `histogram_quantile(0.9, ${rate})`, range: "1m", step: "1s" };
    // 250ms give or take a rounding error: the rank (0.9 × 10 per scrape) sits on a bucket's edge.
    expect(await judge(sustained, ["max < 300ms", "avg < 300ms", "min > 240ms", "samples >= 2"])).toEqual([
      [true, "250ms"],
      [true, "250ms"],
      [true, "250ms"],
      [true, expect.stringMatching(/^\d+$/)],
    ]);
  });

  it("reads a recording rule's series with unit: seconds", async () => {
    const result = await promql({ query: "job:test_latency_seconds:p95", unit: "seconds" }, ["value"]);
    const direct = await promql(
      { query: "histogram_quantile(0.95, sum by (le) (test_latency_seconds_bucket))" },
      ["value"],
    );
    expect(result.observations.value).toEqual(direct.observations.value);
  });

  it("treats no data as samples == 0 with value absent: value < 300ms is an error, never a pass", async () => {
    const result = await judge({ query: 'rate(no_such_metric_seconds_bucket{route="/x"}[5m])' }, [
      "value < 300ms",
      "samples > 0",
      "series == 0",
    ]);
    expect(result).toEqual([
      [false, "missing", "no value for value: the probe looked and found nothing there"],
      [false, "0"],
      [true, "0"],
    ]);
  });

  it("counts several series and refuses one value among them", async () => {
    const result = await promql({ query: "test_latency_seconds_count" }, ["series", "value"]);
    expect(result.observations).toMatchObject({ series: 2, samples: 2 });
    expect(result.error).toMatch(
      /^Prometheus prom at http:\/\/127\.0\.0\.1:\d+\/: the query returned 2 series \(/,
    );
    expect(result.error).toContain("value needs one; aggregate in the query, e.g. max(...) or sum(...)");
  });

  it("shows a PromQL syntax error as Prometheus words it", async () => {
    const result = await promql({ query: "sum(rate(test_gauge[5m])" }, ["value"]);
    expect(result.error).toBe(
      `Prometheus prom at ${prometheus.url}/: query failed (bad_data): invalid parameter "query": 1:25: parse error: unclosed left parenthesis`,
    );
  });

  it("reports an alerting rule loaded, healthy and firing; a recording rule without state", async () => {
    expect(
      await judge({ rule: "TestGaugeHigh" }, [
        "rule_loaded == true",
        'rule_health == "ok"',
        'rule_state == "firing"',
        'rule_type == "alerting"',
      ]),
    ).toEqual([
      [true, "true"],
      [true, '"ok"'],
      [true, '"firing"'],
      [true, '"alerting"'],
    ]);
    const recording = await promql({ rule: "job:test_latency_seconds:p95" }, ["rule_health", "rule_type"]);
    expect(recording.observations).toMatchObject({
      rule_loaded: true,
      rule_health: "ok",
      rule_state: null,
      rule_type: "recording",
    });
  });

  it("says a rule that is not loaded is not loaded, and its health is no value", async () => {
    expect(
      await judge({ rule: "ProfitGuardBreach" }, ["rule_loaded == true", 'rule_health == "ok"']),
    ).toEqual([
      [false, "false"],
      [false, "missing", "no value for rule_health: the probe looked and found nothing there"],
    ]);
  });

  it("lists the alerts firing", async () => {
    expect(
      await judge({}, [
        'firing contains "TestGaugeHigh"',
        'firing !contains "TestNeverFires"',
        "pending == 0",
      ]),
    ).toEqual([
      [true, "1 item: TestGaugeHigh"],
      [true, "1 item: TestGaugeHigh"],
      [true, "0 items"],
    ]);
  });

  it("counts scrape targets up and down, for a job or all", async () => {
    expect(await judge({ job: "exporter" }, ["targets_up == 1", "targets_down == 0"])).toEqual([
      [true, "1"],
      [true, "0 items"],
    ]);
    const all = await promql({}, ["targets_up", "targets_down"]);
    expect(all.observations).toEqual({ targets_up: 1, targets_down: ["gone/127.0.0.1:1"] });
    const none = await promql({ job: "nope" }, ["targets_up"]);
    expect(none.observations).toEqual({ targets_up: null, targets_down: null });
    expect(none.evidence?.absent).toMatchObject({
      targets_up: 'no active scrape target has job="nope" (jobs: exporter, gone)',
    });
  });

  // Last: Prometheus goes on evaluating the subquery for a second or two after we hang up.
  it("bounds a slow query by the timeout (Prometheus' own timeout is set too)", async () => {
    const startedAt = performance.now();
    const result = await promql(
      { query: "count_over_time(vector(1)[7d:1s])", range: "1h", step: "1s" },
      ["value"],
      1000,
    );
    expect(result.error).toMatch(
      /: (query failed \(timeout\): query timed out in expression evaluation|timed out after 1s)$/,
    );
    expect(performance.now() - startedAt).toBeLessThan(GAVE_UP_WITHIN_MS);
  });
});
