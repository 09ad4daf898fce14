import { formatQuantity } from "../../core/format-quantity.js";
import type { Observations } from "../../core/observation.js";
import { startDeadline } from "../shared/deadline.js";
import { describeNetworkError } from "../shared/network-error.js";
import { describePolicyRefusal, refusedName } from "../shared/network-policy.js";
import { resolveEndpoint } from "../shared/prometheus/endpoint.js";
import { runAgent } from "../shared/prometheus/fetch-body.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import { type PromqlConfig, stepOf } from "./config.js";
import { FETCH_SOURCE } from "./fetch-sources.js";
import { PrometheusApiError } from "./prometheus-api.js";
import { planSources, type SourceResult } from "./source.js";

/** Asks the Prometheus API for each source the expectations name. */
export async function run(config: PromqlConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const endpoint = resolveEndpoint("promql", config, ctx.targets);
  const named = config.target === undefined ? "" : `${config.target} `;
  const where = `Prometheus ${named}at ${endpoint.redactedUrl}`;
  const evidence = { url: endpoint.redactedUrl, ...describeQuery(config) };
  const refused = refusedName(endpoint.url.hostname, ctx);
  if (refused !== undefined) return { observations: {}, evidence, error: `${where}: ${refused}` };
  const plan = planSources(config, ctx.requested);
  if (plan.errors.length > 0)
    return { observations: {}, evidence, error: `${where}: ${plan.errors.join("; ")}` };
  const deadline = startDeadline(ctx);
  const agent = runAgent(ctx, config.insecure);
  const api = { endpoint, dispatcher: agent, signal: deadline.signal };
  try {
    const results = await Promise.all(plan.sources.map((source) => FETCH_SOURCE[source](api, config, ctx)));
    return mergeResults(results, evidence, where);
  } catch (error) {
    const cause =
      error instanceof PrometheusApiError
        ? error.message
        : (describePolicyRefusal(error, ctx) ?? describeNetworkError(error, deadline));
    return { observations: {}, evidence, error: `${where}: ${cause}` };
  } finally {
    deadline.dispose();
    await agent.destroy();
  }
}

function describeQuery(config: PromqlConfig): Record<string, string> {
  if (config.query === undefined) return {};
  if (config.range === undefined) return { query: config.query };
  const step = stepOf({ ...config, range: config.range });
  const duration = (ms: number) => formatQuantity({ value: ms, unit: "ms" });
  return { query: config.query, range: duration(config.range), step: duration(step) };
}

function mergeResults(
  results: SourceResult[],
  evidence: Record<string, unknown>,
  where: string,
): ProbeResult {
  const observations: Observations = {};
  const merged: Record<string, unknown> = { ...evidence };
  const absent: Record<string, string> = {};
  const errors: string[] = [];
  for (const result of results) {
    Object.assign(observations, result.observations);
    Object.assign(merged, result.evidence);
    Object.assign(absent, result.absent);
    errors.push(...(result.errors ?? []));
  }
  if (Object.keys(absent).length > 0) merged.absent = absent;
  const result = { observations, evidence: merged };
  return errors.length > 0 ? { ...result, error: `${where}: ${errors.join("; ")}` } : result;
}
