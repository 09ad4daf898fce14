import { stat } from "node:fs/promises";
import path from "node:path";
import { readReportFile } from "../shared/read-report-file.js";
import { resolveInside, resolveTargetDir } from "../shared/target-dir.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import type { K6Config } from "./config.js";
import { observeSummary } from "./observe-summary.js";
import { parseK6Summary, SummaryError } from "./parse-summary.js";
import { runK6 } from "./run-k6.js";

/** Reads a k6 summary file, or runs the script with k6 and reads the summary it exports. */
export async function run(config: K6Config, ctx: ProbeContext): Promise<ProbeResult> {
  const root = resolveTargetDir("k6", config.target, ctx);
  if (config.summary !== undefined) {
    const file = await readReportFile(root, config.summary, "k6 summary", ctx.signal);
    if ("error" in file) return { observations: {}, error: file.error };
    return observeText(file.text, file.path, ctx);
  }
  const script = resolveInside(root, config.script ?? "");
  if ("error" in script) return { observations: {}, error: script.error };
  if (!(await isFile(script.path))) return { observations: {}, error: `k6 script not found: ${script.path}` };
  const binary = config.binary ?? "k6";
  const run = await runK6(
    {
      binary: binary.includes("/") ? path.resolve(root, binary) : binary,
      script: script.path,
      args: config.args ?? [],
      cwd: root,
    },
    ctx,
  );
  if (run.summaryText === undefined) return { observations: {}, evidence: run.evidence, error: run.error };
  const observed = observeText(run.summaryText, `k6 --summary-export of ${script.path}`, ctx);
  const error = observed.error ?? run.error;
  return {
    observations: observed.observations,
    evidence: { ...run.evidence, ...observed.evidence },
    ...(error !== undefined && { error }),
  };
}

function observeText(text: string, source: string, ctx: ProbeContext): ProbeResult {
  try {
    return observeSummary(parseK6Summary(text), ctx.requested, source);
  } catch (error) {
    if (!(error instanceof SummaryError)) throw error;
    return {
      observations: {},
      evidence: { summary: source },
      error: `cannot read k6 summary ${source}: ${error.message}`,
    };
  }
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}
