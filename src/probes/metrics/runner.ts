import { startDeadline } from "../shared/deadline.js";
import { describeNetworkError } from "../shared/network-error.js";
import { describePolicyRefusal, refusedName } from "../shared/network-policy.js";
import { resolveEndpoint } from "../shared/prometheus/endpoint.js";
import { fetchBody, runAgent } from "../shared/prometheus/fetch-body.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import type { MetricsConfig } from "./config.js";
import { observeScrape } from "./observe-scrape.js";

// What Prometheus 2.x sends: OpenMetrics preferred, the text format accepted.
const ACCEPT =
  "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75," +
  "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

/** Scrapes the endpoint once and observes what it exposes. */
export async function run(config: MetricsConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const endpoint = resolveEndpoint("metrics", config, ctx.targets, "/metrics");
  const where = `GET ${endpoint.redactedUrl}`;
  const evidence = { url: endpoint.redactedUrl };
  const refused = refusedName(endpoint.url.hostname, ctx);
  if (refused !== undefined) return { observations: {}, evidence, error: `${where}: ${refused}` };
  const deadline = startDeadline(ctx);
  const agent = runAgent(ctx, config.insecure);
  try {
    const startedAt = performance.now();
    const reply = await fetchBody(
      endpoint.url,
      { accept: ACCEPT, ...endpoint.headers },
      { dispatcher: agent, signal: deadline.signal, maxBytes: config.max_body },
    );
    const latency = { value: performance.now() - startedAt, unit: "ms" as const };
    return observeScrape({ reply, latency, where, evidence }, config, ctx.requested);
  } catch (error) {
    return {
      observations: {},
      evidence,
      error: `${where}: ${describePolicyRefusal(error, ctx) ?? describeNetworkError(error, deadline)}`,
    };
  } finally {
    deadline.dispose();
    await agent.destroy();
  }
}
