import { Pool } from "undici";
import { policyConnectOptions, refusedHost } from "../shared/network-policy.js";
import { planTraffic, routePicker, type TrafficPlan } from "../shared/traffic/plan-routes.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import { runClosedModel } from "./closed-model.js";
import type { LoadConfig } from "./config.js";
import { describeSaturation, watchGenerator } from "./generator-health.js";
import type { Endpoint } from "./http1-connection.js";
import { Http1Pool } from "./http1-pool.js";
import { runOpenModel } from "./open-model.js";
import { unreachableReason } from "./preflight.js";
import { startProgressLine } from "./progress-line.js";
import { Recorder } from "./recorder.js";
import { serializeRequest } from "./serialize-request.js";
import { runEvidence, summarizeRun } from "./summarize.js";
import type { Traffic } from "./traffic.js";

/** Runs the warm-up and the measured duration, then reads the figures. */
export async function run(config: LoadConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const plan = planTraffic("load", config, ctx.targets);
  const maxInFlight = config.max_in_flight ?? defaultMaxInFlight(config.rate ?? 0);
  const origin = new URL(plan.origin);
  const requests = plan.routes.map((route) => serializeRequest(route, origin.host));
  const refused = await refusedHost(origin.hostname, ctx);
  if (refused !== undefined)
    return {
      observations: {},
      evidence: { url: plan.redactedUrl },
      error: `load on ${plan.redactedUrl}: ${refused}`,
    };
  const unreachable = await preflight(plan, config, ctx);
  if (unreachable !== null) {
    return {
      observations: {},
      evidence: { url: plan.redactedUrl },
      error: `load on ${plan.redactedUrl}: target unreachable before the test started: ${unreachable}`,
    };
  }
  const pool = new Http1Pool(
    { ...endpointOf(origin, config.insecure), ...policyConnectOptions(ctx) },
    config.connections ?? config.vus ?? maxInFlight,
    sweepInterval(config.request_timeout),
  );
  const recorder = new Recorder(plan.routes.length);
  const traffic: Traffic = {
    pool,
    plan,
    requests,
    pickRoute: routePicker(plan.routes),
    recorder,
    requestTimeoutMs: config.request_timeout,
    signal: ctx.signal,
  };
  const startAt = performance.now();
  const measureFrom = startAt + config.warmup;
  const endAt = measureFrom + config.duration;
  recorder.startMeasuring(measureFrom);
  let health: ReturnType<typeof watchGenerator> | undefined;
  const healthTimer = setTimeout(() => {
    health = watchGenerator();
  }, config.warmup);
  const stopProgress = startProgressLine(
    recorder,
    {
      label: "load",
      durationMs: config.warmup + config.duration,
      enabled: config.progress,
    },
    ctx.progress,
  );
  // Ctrl-C or the engine's timeout: close every connection now, so in-flight requests end at
  // once instead of holding the pool (and the next load check) for up to request_timeout.
  const closeNow = () => pool.destroy();
  ctx.signal.addEventListener("abort", closeNow, { once: true });
  try {
    if (config.vus !== undefined) {
      await runClosedModel(traffic, { vus: config.vus, rampUpMs: config.ramp_up, endAt });
    } else {
      await runOpenModel(traffic, { rate: config.rate ?? 1, maxInFlight, startAt, endAt });
    }
  } finally {
    ctx.signal.removeEventListener("abort", closeNow);
    clearTimeout(healthTimer);
    stopProgress();
    pool.destroy();
  }
  const seen = (health ?? watchGenerator()).stop();
  recorder.series.flush(Math.ceil(config.duration / 1000));
  const measuredMs = Math.min(config.duration, Math.max(0, performance.now() - measureFrom));
  const observations = summarizeRun(recorder, plan.routes, measuredMs, seen, ctx.requested);
  const note = describeSaturation(seen);
  const evidence = {
    url: plan.redactedUrl,
    model: config.vus !== undefined ? `closed, ${config.vus} vus` : `open, ${config.rate}/s`,
    warmupMs: config.warmup,
    durationMs: config.duration,
    generator: {
      ...seen,
      ...(config.rate !== undefined && issueDelay(recorder)),
      ...(note !== undefined && { note }),
    },
    ...runEvidence(recorder, plan.routes, measuredMs),
  };
  if (ctx.signal.aborted)
    return { observations, evidence, error: `load on ${plan.redactedUrl}: stopped early` };
  return { observations, evidence };
}

/** One request on a connection of its own, so the run's pool starts with no failed connection. */
async function preflight(plan: TrafficPlan, config: LoadConfig, ctx: ProbeContext): Promise<string | null> {
  const pool = new Pool(plan.origin, {
    connections: 1,
    connect: {
      rejectUnauthorized: !config.insecure,
      timeout: config.request_timeout,
      ...policyConnectOptions(ctx),
    },
  });
  try {
    return await unreachableReason(pool, plan, ctx, config.request_timeout);
  } finally {
    await pool.destroy();
  }
}

/** Open model: how late the measured requests went out after they were due, ms. */
function issueDelay(recorder: Recorder): { issueDelayP50Ms: number; issueDelayP99Ms: number } | null {
  const delay = recorder.issueDelay;
  if (delay.totalCount === 0) return null;
  return {
    issueDelayP50Ms: delay.getValueAtPercentile(50) / 1000,
    issueDelayP99Ms: delay.getValueAtPercentile(99) / 1000,
  };
}

function endpointOf(origin: URL, insecure: boolean): Endpoint {
  const https = origin.protocol === "https:";
  // URL keeps IPv6 literals in brackets; sockets want them bare.
  const host = origin.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    host,
    port: Number(origin.port) || (https ? 443 : 80),
    // tls.connect sends the host as SNI unless it is an address, as RFC 6066 asks.
    tls: https ? { rejectUnauthorized: !insecure } : null,
  };
}

/** Deadlines are enforced by a sweep: a tenth of the request timeout, between 10ms and 250ms late at most. */
function sweepInterval(requestTimeoutMs: number): number {
  return Math.min(250, Math.max(10, requestTimeoutMs / 10));
}

/** A second's worth of requests may be outstanding: enough to see a stall, bounded in memory. */
function defaultMaxInFlight(rate: number): number {
  return Math.min(10_000, Math.max(100, Math.ceil(rate)));
}
