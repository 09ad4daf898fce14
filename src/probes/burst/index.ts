import { httpTargetProblem } from "../shared/http-target.js";
import type { Probe } from "../types.js";
import { type BurstConfig, burstBudgetMs, burstConfigSchema } from "./config.js";
import { burstObservables } from "./observables.js";

/** `burst:` — N requests in a short window, to see a rate limit answer 429 (and say when to retry). */
const burstProbe: Probe<BurstConfig> = {
  name: "burst",
  targetNeeds: "url",
  checkTarget: (name, target) => httpTargetProblem("burst", name, target),
  configSchema: burstConfigSchema,
  observables: burstObservables,
  exclusiveMs: burstBudgetMs,
  loadRunner: () => import("./runner.js"),
};

export default burstProbe;
