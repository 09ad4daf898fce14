import { stat } from "node:fs/promises";
import path from "node:path";
import type { PartialObservations } from "../../core/observation.js";
import { processEvidence } from "../shared/process/process-evidence.js";
import { type CommandOutcome, graceFor, runCommand } from "../shared/process/run-command.js";
import { formatLimit } from "../shared/size-schema.js";
import { resolveTargetDir } from "../shared/target-dir.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import { type CommandConfig, describeCommand } from "./config.js";
import { describeInterruption, describeShellFailure } from "./describe-failure.js";

/** Runs the command in its working directory and reads its exit, output and duration. */
export async function run(config: CommandConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const label = describeCommand(config);
  const cwd = resolveCwd(config.cwd, ctx);
  const cwdProblem = await checkDirectory(cwd);
  if (cwdProblem !== null) return { observations: {}, error: `${cwdProblem}: ${cwd} (for ${label})` };

  const outcome = await runCommand(
    { ...commandLine(config), cwd: cwd, env: { ...(ctx.env ?? process.env), ...config.env } },
    {
      timeoutMs: ctx.timeoutMs,
      graceMs: graceFor(ctx.timeoutMs),
      signal: ctx.signal,
      tailBytes: config.max_output,
    },
  );
  const error = outcome.interruption
    ? describeInterruption(outcome.interruption, label, config, ctx.timeoutMs)
    : describeShellFailure(outcome, config, label);
  if (outcome.interruption?.kind === "spawn") {
    return { observations: {}, evidence: { command: label, cwd: cwd }, error };
  }
  return {
    observations: {
      exit_code: outcome.exitCode,
      signal: outcome.signal,
      stdout: outcome.stdout.toString(),
      stderr: outcome.stderr.toString(),
      output: outcome.output.toString(),
      duration: { value: Math.round(outcome.durationMs), unit: "ms" },
    },
    partial: partialOutput(outcome, config.max_output),
    evidence: evidenceOf(outcome, label, cwd),
    ...(error !== undefined && { error }),
  };
}

/** `cwd:` names a target when one has that name, else a directory relative to the checklist's folder. */
function resolveCwd(cwd: string | undefined, ctx: ProbeContext): string {
  if (cwd !== undefined && Object.hasOwn(ctx.targets, cwd)) return resolveTargetDir("command", cwd, ctx);
  return path.resolve(ctx.baseDir, cwd ?? ".");
}

async function checkDirectory(dir: string): Promise<string | null> {
  const info = await stat(dir).catch(() => null);
  if (info === null) return "working directory not found";
  return info.isDirectory() ? null : "working directory is not a directory";
}

function commandLine(config: CommandConfig): { file: string; args: string[] } {
  if (config.run !== undefined) {
    const shell = typeof config.shell === "string" ? config.shell : "/bin/sh";
    return { file: shell, args: ["-c", config.run] };
  }
  const [file = "", ...args] = config.argv ?? [];
  return { file, args };
}

/** An output whose start was let go is its end only: see PartialObservation. */
function partialOutput(outcome: CommandOutcome, maxOutput: number): PartialObservations {
  const partial: PartialObservations = {};
  for (const name of ["stdout", "stderr", "output"] as const) {
    const dropped = outcome[name].dropped;
    if (dropped === 0) continue;
    partial[name] = {
      part: "tail",
      limit: `only the last ${formatLimit(maxOutput)} of ${name} were kept (max_output), ${formatLimit(dropped)} before them were dropped`,
      raise: "raise max_output in the check's command block to keep more",
    };
  }
  return partial;
}

function evidenceOf(outcome: CommandOutcome, label: string, cwd: string): Record<string, unknown> {
  return {
    ...processEvidence(outcome, label, cwd),
    ...(outcome.stdout.dropped > 0 && { stdoutDroppedBytes: outcome.stdout.dropped }),
    ...(outcome.stderr.dropped > 0 && { stderrDroppedBytes: outcome.stderr.dropped }),
  };
}
