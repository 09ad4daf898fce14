import { readReportFile } from "../shared/read-report-file.js";
import { resolveTargetDir } from "../shared/target-dir.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import type { CoverageConfig } from "./config.js";
import { observeCoverage } from "./observe-coverage.js";
import { parseCoverage } from "./parse-coverage.js";

/** Reads the coverage report and observes its ratios. */
export async function run(config: CoverageConfig, ctx: ProbeContext): Promise<ProbeResult> {
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
