import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { formatDuration } from "../shared/process/format-duration.js";
import { processEvidence } from "../shared/process/process-evidence.js";
import { type CommandOutcome, graceFor, runCommand } from "../shared/process/run-command.js";
import { lastLines } from "../shared/process/tail-buffer.js";
import type { ProbeContext } from "../types.js";

const INSTALL_HINT = "https://grafana.com/docs/k6/latest/set-up/install-k6/";

/** k6's own exit codes (errext/exitcodes); 99, thresholds failed, is a finished test like 0. */
const EXIT_REASONS: Record<number, string> = {
  97: "the cloud test run failed",
  98: "k6 could not get the cloud test's progress",
  100: "setup() timed out",
  101: "teardown() timed out",
  102: "k6 timed out",
  103: "k6's engine failed",
  104: "invalid k6 configuration",
  105: "the test was stopped from outside",
  106: "k6 could not start its REST API",
  107: "the script threw an exception",
  108: "the script aborted the test (test.abort())",
};

export interface K6RunSpec {
  /** `k6`, or an absolute path. */
  binary: string;
  script: string;
  args: string[];
  cwd: string;
}

export interface K6Run {
  /** The --summary-export file's text, when k6 wrote one. */
  summaryText?: string;
  error?: string;
  evidence: Record<string, unknown>;
}

/**
 * Runs `k6 run --summary-export <tmp> [args] <script>` in its own process group under the check's
 * timeout (the command probe's handling: SIGTERM, then SIGKILL to the whole group), and reads back
 * the summary. Thresholds failing (exit 99) is a result, not an error.
 */
export async function runK6(
  spec: K6RunSpec,
  ctx: Pick<ProbeContext, "signal" | "timeoutMs" | "env">,
): Promise<K6Run> {
  const dir = await mkdtemp(path.join(tmpdir(), "gonogo-k6-"));
  const exportPath = path.join(dir, "summary.json");
  const args = ["run", "--summary-export", exportPath, ...spec.args, spec.script];
  const label = ["k6", "run", ...spec.args, path.relative(spec.cwd, spec.script)].join(" ");
  try {
    const outcome = await runCommand(
      { file: spec.binary, args, cwd: spec.cwd, env: { ...(ctx.env ?? process.env) } },
      { timeoutMs: ctx.timeoutMs, graceMs: graceFor(ctx.timeoutMs), signal: ctx.signal },
    );
    const evidence = processEvidence(outcome, label, spec.cwd);
    const interrupted = describeInterruption(outcome, spec.binary, label, ctx.timeoutMs);
    if (interrupted !== undefined) return { error: interrupted, evidence };
    const summaryText = await readFile(exportPath, "utf8").catch(() => undefined);
    const error = describeExit(outcome, summaryText !== undefined, label);
    return {
      ...(summaryText !== undefined && { summaryText }),
      ...(error !== undefined && { error }),
      evidence,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function describeInterruption(outcome: CommandOutcome, binary: string, label: string, timeoutMs: number) {
  const interruption = outcome.interruption;
  if (interruption === undefined) return undefined;
  if (interruption.kind === "timeout") {
    return `timed out after ${formatDuration(timeoutMs)}: ${label} (give the check a timeout: that covers the whole test)`;
  }
  if (interruption.kind === "abort") return `cancelled: ${label}`;
  const code = interruption.error.code;
  if (code === "ENOENT" && binary === "k6") {
    return `k6 is not installed: no "k6" on PATH (install it: ${INSTALL_HINT}, or set binary: to its path)`;
  }
  if (code === "ENOENT") return `k6 binary not found: ${binary}`;
  if (code === "EACCES") return `k6 binary not executable: ${binary}`;
  return `cannot start ${binary}: ${interruption.error.message}`;
}

function describeExit(outcome: CommandOutcome, wroteSummary: boolean, label: string): string | undefined {
  const code = outcome.exitCode;
  if ((code === 0 || code === 99) && wroteSummary) return undefined;
  const how = code === null ? `was killed by ${outcome.signal}` : `exited with code ${code}`;
  const summary = wroteSummary ? "" : " and wrote no summary";
  const known = code === null ? undefined : EXIT_REASONS[code];
  const said = lastLines(outcome.stderr.toString(), 1).trim();
  const reason = [known, known && said ? `(${said})` : said].filter(Boolean).join(" ");
  return `${label} ${how}${summary}${reason === "" ? "" : `: ${reason}`}`;
}
