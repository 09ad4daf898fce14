import { Pool } from "undici";
import type { ProbeContext, ProbeResult } from "../types.js";
import { runClosedModel } from "./closed-model.js";
import type { LoadConfig } from "./config.js";
import { describeSaturation, watchGenerator } from "./generator-health.js";
import { runOpenModel } from "./open-model.js";
import { planTraffic, routePicker } from "./plan-routes.js";
import { unreachableReason } from "./preflight.js";
import { startProgressLine } from "./progress-line.js";
import { Recorder } from "./recorder.js";
import { runEvidence, summarizeRun } from "./summarize.js";
import type { Traffic } from "./traffic.js";

/** Runs the warm-up and the measured duration, then reads the figures. */
export async function runLoad(config: LoadConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const plan = planTraffic("load", config, ctx.targets);
  const maxInFlight = config.max_in_flight ?? defaultMaxInFlight(config.rate ?? 0);
  const pool = new Pool(plan.origin, {
    connections: config.connections ?? config.vus ?? maxInFlight,
    pipelining: 1,
    connect: { rejectUnauthorized: !config.insecure, timeout: config.request_timeout },
    headersTimeout: config.request_timeout,
    bodyTimeout: config.request_timeout,
  });
  const unreachable = await unreachableReason(pool, plan, ctx, config.request_timeout);
  if (unreachable !== null) {
    await pool.destroy();
    return {
      observations: {},
      evidence: { url: plan.redactedUrl },
      error: `load on ${plan.redactedUrl}: target unreachable before the test started: ${unreachable}`,
    };
  }
  const recorder = new Recorder(plan.routes.length);
  const traffic: Traffic = {
    dispatcher: pool,
    plan,
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
  const stopProgress = startProgressLine(recorder, {
    label: "load",
    durationMs: config.warmup + config.duration,
    enabled: config.progress,
  });
  // Ctrl-C or the engine's timeout: close every connection now, so in-flight requests end at
  // once instead of holding the pool (and the next load check) for up to request_timeout.
  const closeNow = () => void pool.destroy().catch(() => undefined);
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
    if (!pool.destroyed) await pool.destroy();
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
    generator: { ...seen, ...(note !== undefined && { note }) },
    ...runEvidence(recorder, plan.routes, measuredMs),
  };
  if (ctx.signal.aborted)
    return { observations, evidence, error: `load on ${plan.redactedUrl}: stopped early` };
  return { observations, evidence };
}

/** A second's worth of requests may be outstanding: enough to see a stall, bounded in memory. */
function defaultMaxInFlight(rate: number): number {
  return Math.min(10_000, Math.max(100, Math.ceil(rate)));
}
