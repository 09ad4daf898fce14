import { createServer, type IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type LocalServer, listenLocally } from "../../../test/support/local-server.js";
import { prometheusContext } from "../../../test/support/prometheus-probe-context.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import promqlProbe from "./index.js";
import { run as runPromql } from "./runner.js";

const opened: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<LocalServer> {
  const server = await listenLocally(createServer(handler));
  opened.push(server);
  return server;
}

function promql(config: Record<string, unknown>, requested: string[] = ["value"], timeoutMs = 1000) {
  return runPromql(promqlProbe.configSchema.parse(config), prometheusContext({ timeoutMs, requested }));
}

describe("promql probe: failures without a Prometheus", () => {
  it("reports a down server, naming where", async () => {
    const server = await listenLocally(createServer());
    await server.close();
    const result = await promql({ url: server.url, query: "up" });
    expect(result.error).toBe(`Prometheus at ${server.url}/: connection refused`);
  });

  it("times out on a server that never answers, and hangs up", async () => {
    const server = await serve(() => {});
    const startedAt = performance.now();
    const result = await promql({ url: server.url, query: "up" }, ["value"], 300);
    expect(result.error).toBe(`Prometheus at ${server.url}/: timed out after 300ms`);
    expect(performance.now() - startedAt).toBeLessThan(GAVE_UP_WITHIN_MS);
    await server.waitForNoConnections();
  });

  it("says a server that is not Prometheus is not", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
    });
    const result = await promql({ url: server.url, rule: "X" }, ["rule_loaded"]);
    expect(result.error).toBe(
      `Prometheus at ${server.url}/: not a Prometheus API: GET /api/v1/rules answered HTTP 404, text/html`,
    );
  });

  it("keeps a path prefix, sets Prometheus' own timeout, sends credentials and masks the password", async () => {
    const requests: IncomingMessage[] = [];
    const server = await serve((request, response) => {
      requests.push(request);
      const body = { status: "error", errorType: "bad_data", error: "1:1: parse error: unexpected <op:*>" };
      response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    const url = `${server.url.replace("http://", "http://reader:s3cr3t-pass@")}/prometheus`;
    const result = await promql({ url, query: "*" }, ["value"], 3000);
    const seen = new URL(requests[0]?.url ?? "", server.url);
    expect(seen.pathname).toBe("/prometheus/api/v1/query");
    expect(Object.fromEntries(seen.searchParams)).toMatchObject({ query: "*", timeout: "2500ms" });
    expect(requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from("reader:s3cr3t-pass").toString("base64")}`,
    );
    expect(result.error).toBe(
      `Prometheus at http://reader:****@127.0.0.1:${server.port}/prometheus: query failed (bad_data): 1:1: parse error: unexpected <op:*>`,
    );
    expect(JSON.stringify(result)).not.toContain("s3cr3t");
  });

  it("asks a range query for start, end and step", async () => {
    let params: Record<string, string> = {};
    const server = await serve((request, response) => {
      params = Object.fromEntries(new URL(request.url ?? "", "http://x").searchParams);
      const data = { resultType: "matrix", result: [] };
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ status: "success", data }));
    });
    const result = await promql({ url: server.url, query: "up", range: "7d" }, ["samples"]);
    expect(Number(params.end) - Number(params.start)).toBeCloseTo(7 * 86_400, 3);
    expect(params.step).toBe("55");
    expect(result).toMatchObject({ observations: { series: 0, samples: 0, value: null } });
    expect(result.evidence).toMatchObject({ query: "up", range: "7d", step: "55s", resultType: "matrix" });
  });

  it("is an error, before any request, to ask for what the config does not say", async () => {
    const result = await promql({ url: "http://127.0.0.1:1" }, ["value", "samples", "rule_state"]);
    expect(result.error).toBe(
      "Prometheus at http://127.0.0.1:1/: value needs a query: in the promql block; " +
        "samples needs a query: in the promql block; rule_state needs rule: <name> in the promql block",
    );
  });
});
