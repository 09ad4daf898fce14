import { monitorEventLoopDelay } from "node:perf_hooks";

export interface GeneratorHealth {
  /** CPU time used by this process over the measurement, as a share of one core (1 = a full core). */
  cpu: number;
  /** 99th percentile of event-loop delay, ms: how late the generator ran its own callbacks. */
  lagP99Ms: number;
  /** True when the figures include the generator's own delay rather than only the target's. */
  saturated: boolean;
}

// Node runs the generator on one thread: near a full core, or with its loop this late, it adds
// latency of its own and cannot keep a rate.
const SATURATED_CPU = 0.9;
const SATURATED_LAG_MS = 20;

/** Watches the generator itself while it measures; `stop()` reads what it saw. */
export function watchGenerator(): { stop(): GeneratorHealth } {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    stop() {
      delay.disable();
      const used = process.cpuUsage(cpuBefore);
      const wallUs = Math.max(1, (performance.now() - wallBefore) * 1000);
      const cpu = Math.round(((used.user + used.system) / wallUs) * 100) / 100;
      const lagP99Ms = delay.count === 0 ? 0 : Math.round(delay.percentile(99) / 1e4) / 100;
      return { cpu, lagP99Ms, saturated: cpu >= SATURATED_CPU || lagP99Ms >= SATURATED_LAG_MS };
    },
  };
}

export function describeSaturation(health: GeneratorHealth): string | undefined {
  if (!health.saturated) return undefined;
  return `the load generator was the bottleneck (CPU ${Math.round(health.cpu * 100)}% of a core, event-loop delay p99 ${health.lagP99Ms}ms): latency and rps include its own delay; use fewer vus/rate, or k6 on more cores`;
}
