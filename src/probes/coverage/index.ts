import type { Probe } from "../types.js";
import { type CoverageConfig, coverageConfigSchema } from "./config.js";

const ratio = (what: string) =>
  ({
    kind: "number",
    description: `${what} covered, as a ratio (0.83 = 83%: write lines > 80%); absent when the format lacks it or nothing was found`,
  }) as const;

const coverageProbe: Probe<CoverageConfig> = {
  name: "coverage",
  targetNeeds: "path",
  configSchema: coverageConfigSchema,
  observables: {
    lines: ratio("lines"),
    branches: ratio("branches"),
    functions: ratio("functions (JaCoCo: methods; Cobertura: <method> elements)"),
    statements: ratio("statements (JaCoCo: bytecode instructions; not in lcov or Cobertura)"),
    files: { kind: "number", description: "number of source files in the report" },
  },
  loadRunner: () => import("./runner.js"),
};

export default coverageProbe;
