import { createServer, type IncomingHttpHeaders } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type LocalServer, listenLocally } from "../../../test/support/local-server.js";
import { OPENMETRICS_FORMAT, startExporter } from "../../../test/support/prometheus-exporter.js";
import { prometheusContext } from "../../../test/support/prometheus-probe-context.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import metricsProbe from "./index.js";
import { run as runMetrics } from "./runner.js";

const opened: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
});

async function exporter(body: string, contentType?: string) {
  const server = await startExporter(body, contentType);
  opened.push(server);
  return server;
}

function run(config: Record<string, unknown>, requested: string[] = [], timeoutMs = 1000) {
  const targets = { api: { url: String(config.base ?? "http://127.0.0.1:1") } };
  const { base: _base, ...rest } = config;
  const parsed = metricsProbe.configSchema.parse(rest);
  return runMetrics(parsed, prometheusContext({ timeoutMs, requested, targets }));
}

const OPEN_METRICS = `# TYPE requests counter
# HELP requests Requests served.
requests_total{route="/a"} 10 1520879607.789 # {trace_id="KOO5S4vxi0o"} 1
requests_created{route="/a"} 1520879000
# TYPE latency_seconds histogram
# UNIT latency_seconds seconds
latency_seconds_bucket{le="0.1"} 4
latency_seconds_bucket{le="0.2"} 8
latency_seconds_bucket{le="+Inf"} 8
latency_seconds_count 8
latency_seconds_sum 0.9
# TYPE build info
build_info{version="1.2.0"} 1
# EOF
`;

describe("metrics probe: OpenMetrics", () => {
  it("reads an OpenMetrics body when the Content-Type says so", async () => {
    const server = await exporter(OPEN_METRICS, OPENMETRICS_FORMAT);
    const result = await run({ url: `${server.url}/metrics`, require: ["requests", "latency_seconds"] }, [
      "type(requests)",
      "value(requests)",
      "value(requests_total)",
      "quantile(latency_seconds, 0.5)",
      "value(build)",
      "labels(build)",
    ]);
    expect(result.error).toBeUndefined();
    expect(result.evidence).toMatchObject({ format: "openmetrics", families: 3, samples: 8 });
    expect(result.observations).toMatchObject({
      missing: [],
      "type(requests)": "counter",
      "value(requests)": 10,
      "value(requests_total)": 10,
      "quantile(latency_seconds, 0.5)": { value: 100, unit: "ms" },
      "value(build)": 1,
      "labels(build)": ["version"],
    });
  });

  it("is an error when the body ends without # EOF (cut off)", async () => {
    const server = await exporter(OPEN_METRICS.replace("# EOF\n", ""), OPENMETRICS_FORMAT);
    const result = await run({ url: `${server.url}/metrics` });
    expect(result.error).toBe(
      `GET ${server.url}/metrics: not Prometheus exposition format (OpenMetrics, as its Content-Type says): ` +
        "line 14: no # EOF at the end: OpenMetrics requires it (was the body cut off?)",
    );
  });
});

describe("metrics probe: errors", () => {
  it("says an HTML page is not Prometheus exposition format, and where", async () => {
    const server = await exporter("<!DOCTYPE html>\n<html><body>Login</body></html>\n", "text/html");
    const result = await run({ url: `${server.url}/metrics` });
    expect(result.error).toBe(
      `GET ${server.url}/metrics: not Prometheus exposition format: line 1: expected a metric name, found "<!DOCTYPE html>"`,
    );
    expect(result.evidence).toMatchObject({ status: 200, contentType: "text/html" });
  });

  it("reports a status other than 200", async () => {
    const server = await exporter("up 1\n");
    server.serve("not found", "text/plain", 404);
    const result = await run({ url: `${server.url}/metrics` });
    expect(result.error).toBe(`GET ${server.url}/metrics: HTTP 404 (expected 200)`);
  });

  it("reports a down server", async () => {
    const server = await listenLocally(createServer());
    await server.close();
    const result = await run({ url: `${server.url}/metrics` });
    expect(result.error).toBe(`GET ${server.url}/metrics: connection refused`);
  });

  it("times out on a server that never answers, and hangs up", async () => {
    const server = await listenLocally(createServer(() => {}));
    opened.push(server);
    const startedAt = performance.now();
    const result = await run({ url: `${server.url}/metrics` }, [], 300);
    expect(result.error).toBe(`GET ${server.url}/metrics: timed out after 300ms`);
    expect(performance.now() - startedAt).toBeLessThan(GAVE_UP_WITHIN_MS);
    await server.waitForNoConnections();
  });

  it("stops at max_body instead of parsing half an exposition", async () => {
    const server = await exporter(`# TYPE x gauge\n${"x 1\n".repeat(1000)}`);
    const result = await run({ url: `${server.url}/metrics`, max_body: "1KB" });
    expect(result.error).toBe(`GET ${server.url}/metrics: body larger than max_body (1KB): raise max_body`);
  });
});

describe("metrics probe: where it scrapes", () => {
  it("joins /metrics to a target without a path, sends its credentials and never shows the password", async () => {
    let seen: IncomingHttpHeaders = {};
    let path = "";
    const server = await listenLocally(
      createServer((request, response) => {
        seen = request.headers;
        path = request.url ?? "";
        response.writeHead(200, { "content-type": "text/html" }).end("<html>\n");
      }),
    );
    opened.push(server);
    const base = server.url.replace("http://", "http://scraper:s3cr3t-pass@");
    const result = await run({ base, target: "api", headers: { "X-Scope": "team-a" } });
    expect(path).toBe("/metrics");
    expect(seen.authorization).toBe(`Basic ${Buffer.from("scraper:s3cr3t-pass").toString("base64")}`);
    expect(seen["x-scope"]).toBe("team-a");
    expect(seen.accept).toContain("application/openmetrics-text;version=1.0.0");
    expect(result.error).toContain(
      `GET http://scraper:****@127.0.0.1:${server.port}/metrics: not Prometheus`,
    );
    expect(JSON.stringify(result)).not.toContain("s3cr3t");
  });
});
