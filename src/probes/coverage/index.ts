import { readReportFile } from "../shared/read-report-file.js";
import { resolveTargetDir } from "../shared/target-dir.js";
import type { Probe, ProbeContext, ProbeResult } from "../types.js";
import { type CoverageConfig, coverageConfigSchema } from "./config.js";
import { observeCoverage } from "./observe-coverage.js";
import { parseCoverage } from "./parse-coverage.js";

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
  run: runCoverageProbe,
};

export default coverageProbe;

async function runCoverageProbe(config: CoverageConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const root = resolveTargetDir("coverage", config.target, ctx);
  const file = await readReportFile(root, config.path, "coverage report", ctx.signal);
  if ("error" in file) return { observations: {}, error: file.error };
  const parsed = parseCoverage(file.text, config.format);
  if ("error" in parsed) {
    const error =
      parsed.kind === "format"
        ? `cannot tell the format of coverage report ${file.path}: ${parsed.error}`
        : `cannot read coverage report ${file.path}: ${parsed.error}`;
    return { observations: {}, evidence: { report: file.path }, error };
  }
  return observeCoverage(parsed.report, file.path);
}
