import { httpTargetProblem } from "../shared/http-target.js";
import type { Probe } from "../types.js";
import { type MetricsConfig, metricsConfigSchema } from "./config.js";
import { metricsObservables } from "./observables.js";

/** `metrics:` — scrapes a Prometheus /metrics endpoint once; observes what it exposes. */
const metricsProbe: Probe<MetricsConfig> = {
  name: "metrics",
  targetNeeds: "url",
  checkTarget: (name, target) => httpTargetProblem("metrics", name, target),
  configSchema: metricsConfigSchema,
  observables: metricsObservables,
  loadRunner: () => import("./runner.js"),
};

export default metricsProbe;
