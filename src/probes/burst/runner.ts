import { Pool } from "undici";
import { policyConnectOptions, refusedHost } from "../shared/network-policy.js";
import type { ErrorKind } from "../shared/traffic/error-kind.js";
import { createHistogram, latencyStats } from "../shared/traffic/latency-histogram.js";
import { planTraffic, type Route } from "../shared/traffic/plan-routes.js";
import { sendRequest } from "../shared/traffic/send-request.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import type { BurstConfig } from "./config.js";

interface Answer {
  status: number;
  kind: ErrorKind | null;
  retryAfter: boolean;
}

/** Sends `requests` requests, `concurrency` at a time, and reads where the rate limit starts. */
export async function run(config: BurstConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const plan = planTraffic("burst", config, ctx.targets);
  const route = plan.routes[0] as Route;
  const refused = await refusedHost(new URL(plan.origin).hostname, ctx);
  if (refused !== undefined)
    return {
      observations: {},
      evidence: { url: plan.redactedUrl },
      error: `burst on ${plan.redactedUrl}: ${refused}`,
    };
  const pool = new Pool(plan.origin, {
    connections: config.concurrency,
    pipelining: 1,
    connect: {
      rejectUnauthorized: !config.insecure,
      timeout: config.request_timeout,
      ...policyConnectOptions(ctx),
    },
  });
  const histogram = createHistogram();
  const answers: Answer[] = [];
  const startedAt = performance.now();
  try {
    await new Promise<void>((resolve) => {
      let sent = 0;
      let done = 0;
      const next = () => {
        if (sent >= config.requests || ctx.signal.aborted) {
          if (done === sent) resolve();
          return;
        }
        const index = sent++;
        const sentAt = performance.now();
        sendRequest(pool, route, { status: [] }, config.request_timeout, (status, kind, headers) => {
          if (status > 0) histogram.recordValue(Math.max(1, Math.round((performance.now() - sentAt) * 1000)));
          answers[index] = { status, kind, retryAfter: headers?.["retry-after"] !== undefined };
          done++;
          next();
        });
      };
      for (let i = 0; i < config.concurrency; i++) next();
    });
  } finally {
    await pool.destroy();
  }
  const windowMs = performance.now() - startedAt;
  const limited = answers.filter((a) => a.status === 429);
  const first = answers.findIndex((a) => a?.status === 429);
  const { p50, p95, max } = latencyStats(histogram);
  const rejected = answers.filter((a) => a.status !== 429 && a.status >= 400).length;
  const failed = answers.filter((a) => a.status === 0).length;
  const observations = {
    first_429_at: first === -1 ? null : first + 1,
    limited: limited.length,
    retry_after: limited.length === 0 ? null : limited.every((a) => a.retryAfter),
    requests: answers.length,
    errors: rejected + failed,
    window: { value: Math.round(windowMs * 1000) / 1000, unit: "ms" as const },
    p50,
    p95,
    max,
  };
  const statuses = answers.map((a) => a.status || a.kind);
  const evidence = { url: plan.redactedUrl, method: route.method, path: route.path, statuses };
  if (ctx.signal.aborted)
    return { observations, evidence, error: `burst on ${plan.redactedUrl}: stopped early` };
  // No answer at all says nothing about a rate limit: "limited == 0" must not fail (or pass) on it.
  if (answers.length > 0 && failed === answers.length) {
    const kinds = [...new Set(answers.map((a) => a.kind ?? "other"))].join(", ");
    return {
      observations,
      evidence,
      error: `burst on ${plan.redactedUrl}: none of the ${answers.length} requests got an answer (${kinds})`,
    };
  }
  return { observations, evidence };
}
