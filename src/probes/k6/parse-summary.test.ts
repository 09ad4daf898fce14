import { describe, expect, it } from "vitest";
import { parseK6Summary } from "./parse-summary.js";

const json = (value: unknown) => JSON.stringify(value);

describe("parseK6Summary", () => {
  it("reads --summary-export: types from the stats, a rate's value as rate, threshold true as failed", () => {
    const summary = parseK6Summary(
      json({
        metrics: {
          http_req_failed: { passes: 3, fails: 97, value: 0.03, thresholds: { "rate<0.01": true } },
          http_reqs: { count: 100, rate: 10 },
          vus: { value: 1, min: 1, max: 5 },
          http_req_duration: { avg: 120, "p(95)": 300, count: 100, thresholds: { "p(95)<500": false } },
          cart_size: { avg: 3, max: 9 },
        },
      }),
    );
    expect(summary.shape).toBe("summary-export");
    expect(summary.metrics.get("http_req_failed")).toEqual({
      type: "rate",
      contains: "default",
      values: { passes: 3, fails: 97, rate: 0.03 },
      thresholds: { "rate<0.01": false },
    });
    expect(summary.metrics.get("http_reqs")?.type).toBe("counter");
    expect(summary.metrics.get("vus")?.type).toBe("gauge");
    expect(summary.metrics.get("http_req_duration")).toMatchObject({
      type: "trend",
      contains: "time",
      thresholds: { "p(95)<500": true },
    });
    expect(summary.metrics.get("cart_size")).toMatchObject({ type: "trend", contains: "unknown" });
  });

  it("reads handleSummary's data: type, contains, values and {ok} thresholds", () => {
    const summary = parseK6Summary(
      json({
        state: { testRunDurationMs: 1500.5 },
        metrics: {
          payload: { type: "counter", contains: "data", values: { count: 2048, rate: 1365 } },
          login: {
            type: "trend",
            contains: "time",
            values: { med: 80 },
            thresholds: { "med<100": { ok: true } },
          },
        },
      }),
    );
    expect(summary).toMatchObject({ shape: "handleSummary", testRunDurationMs: 1500.5 });
    expect(summary.metrics.get("login")).toEqual({
      type: "trend",
      contains: "time",
      values: { med: 80 },
      thresholds: { "med<100": true },
    });
  });

  it("says what is wrong with a file that is not a k6 summary", () => {
    expect(() => parseK6Summary("{")).toThrow(/^not valid JSON: /);
    const stream = [
      '{"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default","thresholds":[],"submetrics":null},"metric":"http_reqs"}',
      '{"type":"Point","data":{"time":"2024-06-10T14:58:40.112Z","value":1,"tags":{"method":"GET","status":"200"}},"metric":"http_reqs"}',
    ].join("\n");
    expect(() => parseK6Summary(stream)).toThrow(
      "this is k6's --out json stream of data points, not a summary: write one with --summary-export or handleSummary",
    );
    expect(() => parseK6Summary(json({ lines: { total: 3 } }))).toThrow(
      'not a k6 summary: no "metrics" object',
    );
    expect(() => parseK6Summary(json({ metrics: { vus: { value: "1" } } }))).toThrow(
      "not a k6 --summary-export summary: metrics.vus.value: Invalid input: expected number, received string",
    );
    expect(() =>
      parseK6Summary(
        json({ metrics: { vus: { type: "gauge", values: {}, thresholds: { "value<5": true } } } }),
      ),
    ).toThrow(
      "not a k6 handleSummary summary: metrics.vus.thresholds.value<5: Invalid input: expected object, received boolean",
    );
  });
});
