import type { Probe } from "../types.js";
import { type TemplateConfig, templateConfigSchema } from "./config.js";
import { templateObservables } from "./observables.js";

/**
 * `template:` — reads one text file under a target and counts its lines. A probe to copy, not to
 * use: the registry does not list it (see README.md and "Adding a probe" in docs/architecture.md).
 * This definition imports only cheap modules; the work is in runner.ts, loaded when a check runs.
 */
const templateProbe: Probe<TemplateConfig> = {
  name: "template",
  targetNeeds: "path",
  configSchema: templateConfigSchema,
  observables: templateObservables,
  loadRunner: () => import("./runner.js"),
};

export default templateProbe;
