import { httpTargetProblem } from "../shared/http-target.js";
import type { Probe } from "../types.js";
import { type PromqlConfig, promqlConfigSchema } from "./config.js";
import { promqlObservables } from "./observables.js";
import { planSources } from "./source.js";

/** `promql:` — asks a Prometheus server's HTTP API: a query (now or over a range), a rule, alerts, targets. */
const promqlProbe: Probe<PromqlConfig> = {
  name: "promql",
  targetNeeds: "url",
  checkTarget: (name, target) => httpTargetProblem("promql", name, target),
  configSchema: promqlConfigSchema,
  observables: promqlObservables,
  checkRequested: (config, requested) => planSources(config, requested).errors,
  loadRunner: () => import("./runner.js"),
};

export default promqlProbe;
