import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Exporter, startExporter } from "../../../test/support/prometheus-exporter.js";
import { prometheusContext } from "../../../test/support/prometheus-probe-context.js";
import { evaluateExpectation, parseExpectation } from "../../expect/index.js";
import type { ProbeResult } from "../types.js";
import metricsProbe from "./index.js";
import { run as runMetrics } from "./runner.js";

const EXPOSITION = `# HELP bargain_response_seconds Response time by route.
# TYPE bargain_response_seconds histogram
bargain_response_seconds_bucket{route="/session/start",le="0.05"} 10
bargain_response_seconds_bucket{route="/session/start",le="0.1"} 40
bargain_response_seconds_bucket{route="/session/start",le="0.25"} 90
bargain_response_seconds_bucket{route="/session/start",le="0.5"} 98
bargain_response_seconds_bucket{route="/session/start",le="+Inf"} 100
bargain_response_seconds_sum{route="/session/start"} 12.5
bargain_response_seconds_count{route="/session/start"} 100
bargain_response_seconds_bucket{route="/offer",le="0.05"} 50
bargain_response_seconds_bucket{route="/offer",le="0.1"} 60
bargain_response_seconds_bucket{route="/offer",le="0.25"} 100
bargain_response_seconds_bucket{route="/offer",le="0.5"} 100
bargain_response_seconds_bucket{route="/offer",le="+Inf"} 100
bargain_response_seconds_sum{route="/offer"} 6
bargain_response_seconds_count{route="/offer"} 100
# HELP bargain_redis_hit_rate Share of Redis lookups answered from cache.
# TYPE bargain_redis_hit_rate gauge
bargain_redis_hit_rate 0.93
# TYPE http_requests_total counter
http_requests_total{route="/session/start",code="200"} 1027 1395066363000
http_requests_total{route="/session/start",code="500"} 3
http_requests_total{route="/say \\"hi\\"\\n",code="200"} 1
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.5"} 0.012
rpc_duration_seconds{quantile="0.99"} 0.2
rpc_duration_seconds_sum 17.5
rpc_duration_seconds_count 1000
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 2.5e+07
# TYPE queue_depth gauge
queue_depth NaN
# TYPE upstream_ratio gauge
upstream_ratio +Inf
# TYPE bargain_errors_total counter
`;

let exporter: Exporter;
beforeAll(async () => {
  exporter = await startExporter(EXPOSITION);
});
afterAll(() => exporter.close());

async function scrape(config: Record<string, unknown>, requested: string[] = []): Promise<ProbeResult> {
  const parsed = metricsProbe.configSchema.parse({ url: `${exporter.url}/metrics`, ...config });
  return runMetrics(parsed, prometheusContext({ timeoutMs: 1000, requested }));
}

/** Scrapes, then judges `expressions` as the engine does: [ok, actual, error] for each. */
async function judge(config: Record<string, unknown>, expressions: string[]) {
  const expectations = expressions.map((text) => {
    const parsed = parseExpectation(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.expectation;
  });
  const result = await scrape(
    config,
    expectations.map((e) => e.observable.text),
  );
  expect(result.error).toBeUndefined();
  return expectations.map((e) => {
    const { ok, actual, error } = evaluateExpectation(e, result.observations);
    return error === undefined ? [ok, actual] : [ok, actual, error];
  });
}

describe("metrics probe: the issue's checks", () => {
  it("exposition: nothing missing, a histogram with a route label", async () => {
    const require = ["bargain_response_seconds", "bargain_redis_hit_rate"];
    expect(
      await judge({ require }, [
        "missing == 0",
        'type(bargain_response_seconds) == "histogram"',
        'labels(bargain_response_seconds) contains "route"',
      ]),
    ).toEqual([
      [true, "0 items"],
      [true, '"histogram"'],
      [true, "1 item: route"],
    ]);
  });

  it("hit-rate and latency: a gauge as a ratio, seconds compared with 300ms", async () => {
    expect(
      await judge({}, [
        "value(bargain_redis_hit_rate) >= 0.90",
        "quantile(bargain_response_seconds, 0.95) < 300ms",
        'quantile(bargain_response_seconds{route="/session/start"}, 0.95) < 300ms',
      ]),
    ).toEqual([
      [true, "0.93"],
      [true, "250ms"],
      [false, "406.3ms"],
    ]);
  });
});

describe("metrics probe: observables", () => {
  it("lists required names that are absent, and says why", async () => {
    const result = await scrape({
      require: ["bargain_redis_hit_rate", "nope_total", "bargain_errors_total"],
    });
    expect(result.observations.missing).toEqual(["nope_total", "bargain_errors_total"]);
    expect(result.evidence?.missing).toEqual({
      nope_total: "not exposed",
      bargain_errors_total: "declared (# TYPE counter) but has no samples",
    });
  });

  it("reads one series by its labels, escaped values included", async () => {
    const { observations } = await scrape({}, [
      'value(http_requests_total{code="500"})',
      'value(http_requests_total{route="/say \\"hi\\"\\n"})',
      "value(rpc_duration_seconds_sum)",
      "value(process_resident_memory_bytes)",
      "count(http_requests_total)",
      'count(http_requests_total{code="200"})',
      "count(bargain_response_seconds)",
      "count(bargain_response_seconds_bucket)",
      "count(nothing_here)",
    ]);
    expect(Object.values(observations).slice(1)).toEqual([
      3,
      1,
      { value: 17500, unit: "ms" },
      { value: 25_000_000, unit: "B" },
      3,
      2,
      2,
      10,
      0,
    ]);
  });

  it("computes quantiles from buckets and reads a summary's own", async () => {
    const { observations } = await scrape({}, [
      "quantile(bargain_response_seconds, 0.5)",
      'quantile(bargain_response_seconds{route="/offer"}, 0.5)',
      "quantile(bargain_response_seconds, 0.75)",
      "quantile(bargain_response_seconds, 1)",
      "quantile(rpc_duration_seconds, 0.99)",
    ]);
    const ms = (key: string) => (observations[key] as { value: number }).value;
    // Both routes summed: 60, 100, 190, 198, 200 observations up to 0.05, 0.1, 0.25, 0.5, +Inf.
    // p50 has rank 100, the top of the (0.05, 0.1] bucket; /offer alone: rank 50 of 50, 60 ...
    expect(ms("quantile(bargain_response_seconds, 0.5)")).toBeCloseTo(100, 9);
    expect(ms('quantile(bargain_response_seconds{route="/offer"}, 0.5)')).toBeCloseTo(50, 9);
    expect(ms("quantile(bargain_response_seconds, 0.75)")).toBeCloseTo(100 + 150 * (50 / 90), 9);
    expect(ms("quantile(bargain_response_seconds, 1)")).toBe(500);
    expect(ms("quantile(rpc_duration_seconds, 0.99)")).toBe(200);
  });

  it("reports nothing there as null, with the reason in evidence", async () => {
    const result = await scrape({}, [
      "value(nothing_here)",
      "value(bargain_response_seconds)",
      'value(http_requests_total{code="404"})',
      "quantile(bargain_redis_hit_rate, 0.9)",
      "quantile(rpc_duration_seconds, 0.9)",
      "type(nothing_here)",
    ]);
    expect(result.error).toBeUndefined();
    expect(Object.values(result.observations).slice(1)).toEqual([null, null, null, null, null, null]);
    expect(result.observations).not.toHaveProperty("missing");
    expect(Object.values(result.evidence?.absent as object)).toEqual([
      "no metric named nothing_here",
      "bargain_response_seconds is a histogram: ask for quantile(bargain_response_seconds, 0.95), value(bargain_response_seconds_sum) or value(bargain_response_seconds_count)",
      'no series of http_requests_total matches http_requests_total{code="404"} (it has {route="/session/start",code="200"}, {route="/session/start",code="500"}, {route="/say \\"hi\\"\\n",code="200"})',
      "bargain_redis_hit_rate is a gauge, not a histogram or summary",
      'summary rpc_duration_seconds has no quantile="0.9" (it has: 0.5, 0.99)',
      "no metric named nothing_here",
    ]);
  });

  it("passes NaN and +Inf on, which the expectation turns into an error, never a pass", async () => {
    expect(await judge({}, ["value(queue_depth) < 10", "value(upstream_ratio) > 0"])).toEqual([
      [false, "NaN", "value(queue_depth) is not a finite number (NaN)"],
      [false, "Infinity", "value(upstream_ratio) is not a finite number (Infinity)"],
    ]);
  });

  it("is an error when a value is ambiguous or a call is malformed", async () => {
    const result = await scrape({}, [
      "value(http_requests_total)",
      "quantile(bargain_response_seconds, 95)",
      "value(5xx)",
    ]);
    expect(result.error).toBe(
      `GET ${exporter.url}/metrics: value(http_requests_total) matches 3 series ({route="/session/start",code="200"}, {route="/session/start",code="500"}, {route="/say \\"hi\\"\\n",code="200"}): add labels to pick one; ` +
        "quantile(bargain_response_seconds, 95): q must be between 0 and 1, e.g. 0.95; " +
        'value(5xx): "5xx": expected a metric name, found "5xx"',
    );
  });

  it("asks for require: when missing is expected without it", async () => {
    const result = await scrape({}, ["missing"]);
    expect(result.error).toContain("missing needs the metric names to look for: add require: [...]");
  });
});
