import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkExpectation,
  type Expectation,
  evaluateExpectation,
  parseExpectation,
} from "../../expect/index.js";
import type { Probe } from "../types.js";
import k6Probe from "./index.js";

/** The README examples, as the engine runs them: checked against the declared kinds, then evaluated. */
async function judge(probe: Probe<unknown>, config: unknown, written: string[]) {
  const expectations = written.map((text): Expectation => {
    const parsed = parseExpectation(text);
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
    const problem = checkExpectation(
      parsed.expectation,
      probe.observables[parsed.expectation.observable.name],
    );
    if (problem !== null) throw new Error(problem);
    return parsed.expectation;
  });
  const runner = await probe.loadRunner();
  const result = await runner.run(probe.configSchema.parse(config), {
    signal: new AbortController().signal,
    timeoutMs: 5000,
    requested: expectations.map((e) => e.observable),
    targets: {},
    baseDir: path.join(import.meta.dirname, "fixtures"),
  });
  return expectations.map((e) => {
    const outcome = evaluateExpectation(e, result.observations);
    return `${outcome.expr}: ${outcome.error ?? (outcome.ok ? "ok" : `failed (${outcome.actual})`)}`;
  });
}

describe("the README's expectations", () => {
  it("judge a k6 summary with units and ratios", async () => {
    const outcomes = await judge(k6Probe as Probe<unknown>, { summary: "summary-export.json" }, [
      "http_req_duration.p95 < 500ms",
      "http_req_duration.p99 < 1s",
      "http_req_failed.rate < 1%",
      "checks.rate >= 98%",
      "vus_max >= 50",
      "http_reqs.count > 1000",
      "data_received.count > 10MB",
      "metric.orders_placed.count > 2000",
      "thresholds_ok == true",
      "thresholds_failed == 0",
    ]);
    expect(outcomes).toEqual([
      "http_req_duration.p95 < 500ms: ok",
      "http_req_duration.p99 < 1s: no value for http_req_duration.p99: the probe did not report it",
      "http_req_failed.rate < 1%: failed (1.219%)",
      "checks.rate >= 98%: ok",
      "vus_max >= 50: ok",
      "http_reqs.count > 1000: ok",
      "data_received.count > 10MB: ok",
      "metric.orders_placed.count > 2000: ok",
      "thresholds_ok == true: failed (false)",
      "thresholds_failed == 0: failed (1 item: http_req_failed: rate<0.01)",
    ]);
  });

  it("reach submetrics, custom metrics and any percentile of a handleSummary JSON", async () => {
    const outcomes = await judge(k6Probe as Probe<unknown>, { summary: "handle-summary.json" }, [
      'metric["http_req_duration{expected_response:true}"].p95 < 700ms',
      "http_req_duration.p99 < 1.5s",
      "metric.payment_latency.p99 < 1s",
      "metric.cart_size.max <= 10",
      'thresholds_failed contains "http_req_duration: p(95)<500"',
    ]);
    expect(outcomes).toEqual([
      'metric["http_req_duration{expected_response:true}"].p95 < 700ms: ok',
      "http_req_duration.p99 < 1.5s: ok",
      "metric.payment_latency.p99 < 1s: failed (1.403s)",
      "metric.cart_size.max <= 10: ok",
      'thresholds_failed contains "http_req_duration: p(95)<500": ok',
    ]);
  });

  it("reject a duration without a unit when the config loads", () => {
    const parsed = parseExpectation("http_req_duration.p95 < 300");
    if (!parsed.ok) throw new Error("did not parse");
    expect(checkExpectation(parsed.expectation, k6Probe.observables.http_req_duration)).toMatch(
      /write a unit/,
    );
  });
});
