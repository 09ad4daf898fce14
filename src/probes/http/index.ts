import { httpTargetProblem } from "../shared/http-target.js";
import type { Probe } from "../types.js";
import { type HttpConfig, httpConfigSchema } from "./config.js";
import { httpObservables } from "./observables.js";

/** `http:` — one request to a target; observes status, latency, body, headers, secrets. */
const httpProbe: Probe<HttpConfig> = {
  name: "http",
  targetNeeds: "url",
  checkTarget: (name, target) => httpTargetProblem("http", name, target),
  configSchema: httpConfigSchema,
  observables: httpObservables,
  loadRunner: () => import("./runner.js"),
};

export default httpProbe;
