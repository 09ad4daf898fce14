import type { Observations } from "../../core/observation.js";
import { readReportFile } from "../shared/read-report-file.js";
import { resolveTargetDir } from "../shared/target-dir.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import type { TemplateConfig } from "./config.js";

/**
 * Reads the file and observes it. A probe returns data, never a verdict: the expectations are
 * judged in expect/. A file that cannot be read is the check's `error`, returned with a message
 * naming the file and the cause; only misuse (an unknown target) throws.
 */
export async function run(config: TemplateConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const root = resolveTargetDir("template", config.target, ctx);
  // The signal fires at the check's timeout and on Ctrl-C: pass it to whatever waits.
  const file = await readReportFile(root, config.path, "text file", ctx.signal);
  if ("error" in file) return { observations: {}, error: file.error };
  return { observations: observeText(file.text), evidence: { path: file.path } };
}

function observeText(text: string): Observations {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return {
    lines: lines.length,
    // Sizes are bytes and durations milliseconds, so `size < 1KB` compares without asking the probe.
    size: { value: Buffer.byteLength(text), unit: "B" },
    first_line: lines[0] ?? "",
  };
}
