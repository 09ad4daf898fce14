import type { Probe } from "../types.js";
import { type K6Config, k6ConfigSchema } from "./config.js";
import { k6Observables } from "./observables.js";

const k6Probe: Probe<K6Config> = {
  name: "k6",
  targetNeeds: "path",
  configSchema: k6ConfigSchema,
  observables: k6Observables,
  loadRunner: () => import("./runner.js"),
};

export default k6Probe;
