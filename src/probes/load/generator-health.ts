import { type Histogram, monitorEventLoopDelay } from "node:perf_hooks";

export interface GeneratorHealth {
  /** CPU time used by this process over the measurement, as a share of one core (1 = a full core). */
  cpu: number;
  /** 99th percentile of event-loop delay, ms: how late the generator ran its own callbacks. */
  lagP99Ms: number;
  /** True when the figures include the generator's own delay rather than only the target's. */
  saturated: boolean;
}

// Node runs the generator on one thread: near a full core, or with its loop this late, it adds
// latency of its own and cannot keep a rate. (Until 2026-12 the lag read 10ms too high, see
// loopDelayP99Ms, and the bar was 20ms: 10ms of delay beyond the interval keeps the same sensitivity.)
const SATURATED_CPU = 0.9;
const SATURATED_LAG_MS = 10;
/** The loop-delay monitor's timer interval, ms. */
export const LAG_SAMPLE_MS = 10;

/** Watches the generator itself while it measures; `stop()` reads what it saw. */
export function watchGenerator(): { stop(): GeneratorHealth } {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const delay = monitorEventLoopDelay({ resolution: LAG_SAMPLE_MS });
  delay.enable();
  return {
    stop() {
      delay.disable();
      const used = process.cpuUsage(cpuBefore);
      const wallUs = Math.max(1, (performance.now() - wallBefore) * 1000);
      const cpu = Math.round(((used.user + used.system) / wallUs) * 100) / 100;
      const lagP99Ms = loopDelayP99Ms(delay, LAG_SAMPLE_MS);
      return { cpu, lagP99Ms, saturated: cpu >= SATURATED_CPU || lagP99Ms >= SATURATED_LAG_MS };
    },
  };
}

/**
 * p99 of how late the loop ran, ms, from a `monitorEventLoopDelay` histogram. Node's monitor
 * records the whole time between two firings of a timer set every `intervalMs`, not how late it
 * fired: a loop that is never late reads `intervalMs` (nodejs/node#34661; Elastic's APM agent and
 * Fastify's under-pressure subtract it too). Without this, an idle generator reported 10ms of lag.
 */
export function loopDelayP99Ms(delay: Histogram, intervalMs: number): number {
  if (delay.count === 0) return 0;
  const lateMs = delay.percentile(99) / 1e6 - intervalMs;
  return Math.max(0, Math.round(lateMs * 100) / 100);
}

export function describeSaturation(health: GeneratorHealth): string | undefined {
  if (!health.saturated) return undefined;
  return `the load generator was the bottleneck (CPU ${Math.round(health.cpu * 100)}% of a core, event-loop delay p99 ${health.lagP99Ms}ms): latency and rps include its own delay; use fewer vus/rate, or k6 on more cores`;
}
