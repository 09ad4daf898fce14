import { describe, expect, it } from "vitest";
import type { ObservableRef } from "../../core/observation.js";
import { lookupMetric } from "./observe-metric.js";
import { parseK6Summary } from "./parse-summary.js";

const summary = parseK6Summary(
  JSON.stringify({
    metrics: {
      http_req_duration: {
        type: "trend",
        contains: "time",
        values: { avg: 120.5, "p(95)": 300, "p(99.9)": 900, count: 40 },
      },
      "http_req_duration{status:200}": { type: "trend", contains: "time", values: { "p(95)": 250 } },
      http_req_failed: { type: "rate", contains: "default", values: { rate: 0.025, passes: 1, fails: 39 } },
      data_received: { type: "counter", contains: "data", values: { count: 2_000_000, rate: 50_000 } },
      vus_max: { type: "gauge", contains: "default", values: { value: 20, min: 20, max: 20 } },
      cart_size: { type: "trend", contains: "default", values: { avg: 3.5 } },
    },
  }),
);

function look(name: string, ...path: (string | number)[]) {
  const ref: Pick<ObservableRef, "name" | "path"> = { name, path };
  return lookupMetric(summary, ref);
}

describe("lookupMetric", () => {
  it("reads trend statistics as milliseconds, percentiles written p95 or p99_9", () => {
    expect(look("http_req_duration", "p95")).toEqual({ value: { value: 300, unit: "ms" } });
    expect(look("http_req_duration", "avg")).toEqual({ value: { value: 120.5, unit: "ms" } });
    expect(look("http_req_duration", "p99_9")).toEqual({ value: { value: 900, unit: "ms" } });
    expect(look("http_req_duration", "p(95)")).toEqual({ value: { value: 300, unit: "ms" } });
    expect(look("http_req_duration", "count")).toEqual({ value: 40 });
  });

  it("reads rates as ratios, data counters as bytes, and a metric alone as its main value", () => {
    expect(look("http_req_failed", "rate")).toEqual({ value: 0.025 });
    expect(look("http_req_failed", "value")).toEqual({ value: 0.025 });
    expect(look("http_req_failed")).toEqual({ value: 0.025 });
    expect(look("data_received", "count")).toEqual({ value: { value: 2_000_000, unit: "B" } });
    expect(look("data_received", "rate")).toEqual({ value: 50_000 });
    expect(look("vus_max")).toEqual({ value: 20 });
    expect(look("vus_max", "value")).toEqual({ value: 20 });
  });

  it("reads any metric, submetrics included, through metric.<name>", () => {
    expect(look("metric", "http_req_duration{status:200}", "p95")).toEqual({
      value: { value: 250, unit: "ms" },
    });
    expect(look("metric", "cart_size", "avg")).toEqual({ value: 3.5 });
  });

  it("leaves out what the summary does not have, saying why", () => {
    expect(look("http_req_duration", "p90")).toEqual({
      absent:
        'http_req_duration has no p(90) in the summary (it has avg, p(95), p(99.9), count; add "p(90)" to summaryTrendStats in the script\'s options)',
    });
    expect(look("http_req_duration")).toEqual({
      absent:
        "http_req_duration is a trend: name a statistic (http_req_duration.p95; it has avg, p(95), p(99.9), count)",
    });
    expect(look("checks", "rate")).toMatchObject({
      absent: expect.stringMatching(
        /^no metric "checks" in the k6 summary \(it has: cart_size, data_received,/,
      ),
    });
    expect(look("vus_max", "avg")).toEqual({
      absent: "vus_max has no avg in the summary (it has value, min, max)",
    });
    expect(look("vus_max", "constructor")).toMatchObject({
      absent: expect.stringMatching(/^vus_max has no constructor/),
    });
    expect(look("http_req_duration", "p95", "x")).toEqual({ absent: "x: a k6 statistic has no fields" });
    expect(look("metric")).toMatchObject({
      absent: expect.stringMatching(/^name a metric: metric.<name>.<stat>/),
    });
  });
});
