import type { CommandOutcome } from "./run-command.js";
import { lastLines } from "./tail-buffer.js";

// Enough of a process's output for a person to see why it failed, short enough for a report.
const EVIDENCE_LINES = 40;

/** What a finished process leaves as evidence: how it ran, how it ended, and the end of its output. */
export function processEvidence(
  outcome: CommandOutcome,
  label: string,
  cwd: string,
): Record<string, unknown> {
  return {
    command: label,
    cwd,
    exitCode: outcome.exitCode,
    signal: outcome.signal,
    durationMs: Math.round(outcome.durationMs),
    stdoutTail: lastLines(outcome.stdout.toString(), EVIDENCE_LINES),
    stderrTail: lastLines(outcome.stderr.toString(), EVIDENCE_LINES),
  };
}
