import { formatDuration } from "../shared/process/format-duration.js";
import type { CommandOutcome, Interruption } from "../shared/process/run-command.js";
import { lastLines } from "../shared/process/tail-buffer.js";
import type { CommandConfig } from "./config.js";

/** The check's error when the command did not finish on its own: `timed out after 5s: npm test`. */
export function describeInterruption(
  interruption: Interruption,
  label: string,
  config: CommandConfig,
  timeoutMs: number,
): string {
  switch (interruption.kind) {
    case "timeout":
      return `timed out after ${formatDuration(timeoutMs)}: ${label}`;
    case "abort":
      return `cancelled: ${label}`;
    case "spawn":
      return describeSpawnError(interruption.error, label, config);
  }
}

function describeSpawnError(error: NodeJS.ErrnoException, label: string, config: CommandConfig): string {
  const program = config.run !== undefined ? shellOf(config) : (config.argv?.[0] ?? "");
  const what = config.run !== undefined ? "shell" : "executable";
  if (error.code === "ENOENT") return `${what} not found: ${program} (for ${label})`;
  if (error.code === "EACCES") return `${what} not executable: ${program} (for ${label})`;
  return `cannot start ${label}: ${error.message}`;
}

function shellOf(config: CommandConfig): string {
  return typeof config.shell === "string" ? config.shell : "/bin/sh";
}

/**
 * A shell reports a program it cannot find or execute by exiting 127 or 126; that is a check that
 * could not run (error), not a measurement to judge. `argv` commands get ENOENT from spawn instead.
 */
export function describeShellFailure(
  outcome: CommandOutcome,
  config: CommandConfig,
  label: string,
): string | undefined {
  if (config.run === undefined) return undefined;
  const reason = lastLines(outcome.stderr.toString(), 1).trim();
  const detail = reason === "" ? label : `${reason} (for ${label})`;
  if (outcome.exitCode === 127) return `command not found (exit 127): ${detail}`;
  if (outcome.exitCode === 126) return `command not executable (exit 126): ${detail}`;
  return undefined;
}
