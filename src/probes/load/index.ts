import { httpTargetProblem } from "../shared/http-target.js";
import type { Probe } from "../types.js";
import { type LoadConfig, loadBudgetMs, loadConfigSchema } from "./config.js";
import { loadObservables } from "./observables.js";

/** `load:` — drives a target with virtual users (closed) or a constant rate (open); observes latency percentiles, rps, errors. */
const loadProbe: Probe<LoadConfig> = {
  name: "load",
  targetNeeds: "url",
  checkTarget: (name, target) => httpTargetProblem("load", name, target),
  configSchema: loadConfigSchema,
  observables: loadObservables,
  exclusiveMs: loadBudgetMs,
  checkRequested(config, requested) {
    const names = new Set(
      (config.mix ?? [config]).map((route, i) => ("name" in route && route.name) || `route${i + 1}`),
    );
    return requested
      .filter((ref) => ref.name === "routes" && !names.has(String(ref.path[0])))
      .map((ref) => `${ref.text}: no route named "${ref.path[0]}" (routes: ${[...names].join(", ")})`);
  },
  loadRunner: () => import("./runner.js"),
};

export default loadProbe;
