import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeContext } from "../../../test/support/probe-context.js";
import type { ProbeResult } from "../types.js";
import k6Probe from "./index.js";
import { run as runK6 } from "./runner.js";

const fixtures = path.join(import.meta.dirname, "fixtures");
let scratch: string;
beforeAll(async () => {
  scratch = await realpath(await mkdtemp(path.join(tmpdir(), "gonogo-k6-summary-")));
  await mkdir(path.join(scratch, "results"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function probe(config: unknown, requested: string[] = [], baseDir = fixtures): Promise<ProbeResult> {
  return runK6(k6Probe.configSchema.parse(config), probeContext({ baseDir, requested }));
}

describe("k6 probe reading a --summary-export file", () => {
  const file = "summary-export.json";

  it("reports requested trend statistics in ms, rates as ratios, gauges and counters as numbers", async () => {
    const result = await probe({ summary: file }, [
      "http_req_duration.p95",
      "http_req_duration.avg",
      "http_req_duration.med",
      "http_req_duration.max",
      "http_req_duration.min",
      "http_req_failed.rate",
      "checks.rate",
      "vus_max",
      "vus_max.value",
      "http_reqs.count",
      "http_reqs.rate",
      "data_received.count",
    ]);
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({
      "http_req_duration.p95": { value: 448.7345, unit: "ms" },
      "http_req_duration.avg": { value: 182.4471, unit: "ms" },
      "http_req_duration.med": { value: 143.872, unit: "ms" },
      "http_req_duration.max": { value: 2314.118, unit: "ms" },
      "http_req_duration.min": { value: 21.503, unit: "ms" },
      "http_req_failed.rate": 0.012185047501032631,
      "checks.rate": 0.9878149524989674,
      vus_max: 50,
      "vus_max.value": 50,
      "http_reqs.count": 4842,
      "http_reqs.rate": 161.2287,
      "data_received.count": { value: 38125643, unit: "B" },
    });
  });

  it("reads k6's threshold results: true in this format means the threshold failed", async () => {
    const result = await probe({ summary: file });
    expect(result.observations).toEqual({
      thresholds_ok: false,
      thresholds_failed: ["http_req_failed: rate<0.01"],
    });
    expect(result.evidence).toMatchObject({
      summary: path.join(fixtures, file),
      shape: "summary-export",
      metrics: 19,
      thresholds: [
        { metric: "checks", threshold: "rate>0.98", ok: true },
        { metric: "http_req_duration", threshold: "p(95)<500", ok: true },
        { metric: "http_req_failed", threshold: "rate<0.01", ok: false },
      ],
    });
  });

  it("leaves out a percentile the summary lacks and reads a custom trend as plain numbers", async () => {
    const result = await probe({ summary: file }, ["http_req_duration.p99", "metric.checkout_duration.p95"]);
    expect(result.observations["http_req_duration.p99"]).toBeUndefined();
    expect(result.observations["metric.checkout_duration.p95"]).toBe(519.2046);
    expect(result.evidence?.absent).toEqual({
      "http_req_duration.p99":
        'http_req_duration has no p(99) in the summary (it has avg, min, med, max, p(90), p(95); add "p(99)" to summaryTrendStats in the script\'s options)',
    });
  });
});

describe("k6 probe reading a handleSummary JSON", () => {
  const file = "handle-summary.json";

  it("reads values, p99 and custom time trends in ms, submetrics through metric[...]", async () => {
    const result = await probe({ summary: file }, [
      "http_req_duration.p99",
      "http_req_failed.rate",
      "checks.rate",
      "metric.payment_latency.p95",
      "metric.cart_size.p95",
      "grpc_req_duration.p95",
    ]);
    const submetric = runK6(k6Probe.configSchema.parse({ summary: file }), {
      ...probeContext({ baseDir: fixtures }),
      requested: [
        {
          text: 'metric["http_req_duration{expected_response:true}"].p95',
          name: "metric",
          path: ["http_req_duration{expected_response:true}", "p95"],
          args: [],
        },
      ],
    });
    expect(result.error).toBeUndefined();
    expect(result.observations).toEqual({
      thresholds_ok: false,
      thresholds_failed: ["http_req_duration: p(95)<500"],
      "http_req_duration.p99": { value: 1388.0475, unit: "ms" },
      "http_req_failed.rate": 0,
      "checks.rate": 0.9944444444444445,
      "metric.payment_latency.p95": { value: 731.0178, unit: "ms" },
      "metric.cart_size.p95": 6,
    });
    expect(result.evidence).toMatchObject({ shape: "handleSummary", testRunDurationMs: 60021.347 });
    expect(result.evidence?.absent).toEqual({
      "grpc_req_duration.p95": expect.stringMatching(
        /^no metric "grpc_req_duration" in the k6 summary \(it has: cart_size, checks, data_received, /,
      ),
    });
    expect((await submetric).observations['metric["http_req_duration{expected_response:true}"].p95']).toEqual(
      {
        value: 612.9184,
        unit: "ms",
      },
    );
  });
});

describe("k6 probe errors", () => {
  const results = () => path.join(scratch, "results");

  it("leaves thresholds absent when k6 ran none, rather than all passed", async () => {
    await writeFile(
      path.join(results(), "plain.json"),
      JSON.stringify({ metrics: { vus: { value: 1, min: 1, max: 1 } } }),
    );
    const result = await probe({ summary: "results/plain.json" }, [], scratch);
    expect(result.observations).toEqual({});
    expect(result.evidence?.absent).toEqual({
      thresholds_ok: "the summary has no thresholds (the script sets no options.thresholds)",
      thresholds_failed: "the summary has no thresholds (the script sets no options.thresholds)",
    });
  });

  it("has no rate, rather than 0%, for a rate metric that counted nothing", async () => {
    // A `checks` threshold on a script whose checks never ran: k6 lists the metric with rate 0.
    const checks = { type: "rate", contains: "default", values: { rate: 0, passes: 0, fails: 0 } };
    const failed = { type: "rate", contains: "default", values: { rate: 0, passes: 0, fails: 1200 } };
    await writeFile(
      path.join(results(), "no-checks.json"),
      JSON.stringify({ metrics: { checks, http_req_failed: failed } }),
    );
    await writeFile(
      path.join(results(), "no-checks-export.json"),
      JSON.stringify({ metrics: { checks: { passes: 0, fails: 0, value: 0 } } }),
    );
    const asked = ["checks.rate", "checks", "checks.passes", "http_req_failed.rate"];
    const handle = await probe({ summary: "results/no-checks.json" }, asked, scratch);
    const why =
      "no data: checks counted 0 passes and 0 fails, so it has no rate (k6 writes 0, which is not 0%)";
    expect(handle.observations).toEqual({ "checks.passes": 0, "http_req_failed.rate": 0 });
    expect(handle.evidence?.absent).toMatchObject({ "checks.rate": why, checks: why });
    const exported = await probe({ summary: "results/no-checks-export.json" }, ["checks.rate"], scratch);
    expect(exported.observations).toEqual({});
    expect(exported.evidence?.absent).toMatchObject({ "checks.rate": why });
  });

  it("names the file and the cause of a missing or unreadable summary", async () => {
    expect((await probe({ summary: "results/summary.json" }, [], scratch)).error).toBe(
      `k6 summary not found: ${results()}/summary.json`,
    );
    await writeFile(path.join(results(), "cut.json"), '{"metrics": {"http_reqs": {"count": 48');
    expect((await probe({ summary: "results/cut.json" }, [], scratch)).error).toMatch(
      new RegExp(`^cannot read k6 summary ${results()}/cut.json: not valid JSON: `),
    );
    await writeFile(path.join(results(), "other.json"), '{"total": {}}');
    expect((await probe({ summary: "results/other.json" }, [], scratch)).error).toBe(
      `cannot read k6 summary ${results()}/other.json: not a k6 summary: no "metrics" object`,
    );
  });

  it("validates its config strictly", () => {
    const messages = (config: unknown) =>
      k6Probe.configSchema.safeParse(config).error?.issues.map((issue) => issue.message) ?? [];
    expect(messages({ summary: "a.json" })).toEqual([]);
    expect(messages({ script: "load/test.js", args: ["--vus", "10"], binary: "./k6" })).toEqual([]);
    expect(messages({})).toEqual([
      "give exactly one of `summary` (a k6 summary JSON to read) or `script` (a k6 script to run)",
    ]);
    expect(messages({ summary: "a.json", args: ["--vus", "2"] })).toEqual([
      "`args` and `binary` are for running a `script`",
    ]);
    expect(messages({ script: "t.js", args: ["--summary-export=x.json"] })).toEqual([
      "gonogo passes --summary-export itself; leave it out of `args`",
    ]);
    expect(k6Probe.configSchema.safeParse({ summary: "a.json", vus: 10 }).success).toBe(false);
  });
});
