import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { endProcessGroup, trackProcessGroup } from "./kill-process-group.js";
import { TailBuffer } from "./tail-buffer.js";

/** Bytes kept of stdout, of stderr and of the interleaved output, unless the run asks for more. */
export const TAIL_BYTES = 64 * 1024;
/** How long to wait for the pipes to close once the group is gone (a process that left the group may hold them). */
const PIPE_DRAIN_MS = 200;

export interface CommandSpec {
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface RunLimits {
  timeoutMs: number;
  /** Time between SIGTERM and SIGKILL. */
  graceMs: number;
  signal: AbortSignal;
  /** Bytes kept of each output (the last ones); TAIL_BYTES when left out. */
  tailBytes?: number;
}

/** Why a command did not finish on its own. */
export type Interruption =
  | { kind: "spawn"; error: NodeJS.ErrnoException }
  | { kind: "timeout" }
  | { kind: "abort"; reason: unknown };

export interface CommandOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: TailBuffer;
  stderr: TailBuffer;
  output: TailBuffer;
  durationMs: number;
  interruption?: Interruption;
}

/**
 * Runs a command as the leader of its own process group and ends the whole group when it exits,
 * times out or is aborted, so nothing it started is left running (unless it left the group itself).
 */
export async function runCommand(spec: CommandSpec, limits: RunLimits): Promise<CommandOutcome> {
  const kept = limits.tailBytes ?? TAIL_BYTES;
  const outcome: CommandOutcome = {
    exitCode: null,
    signal: null,
    stdout: new TailBuffer(kept),
    stderr: new TailBuffer(kept),
    output: new TailBuffer(kept),
    durationMs: 0,
  };
  if (limits.signal.aborted) return { ...outcome, interruption: abortOf(limits.signal) };
  const started = performance.now();
  const leader = await startInOwnGroup(spec);
  if (leader instanceof Error) return { ...outcome, interruption: { kind: "spawn", error: leader } };
  const { child, pgid } = leader;
  const closed = once(child, "close").catch(() => undefined);
  collectOutput(child, outcome);
  const forget = trackProcessGroup(pgid);
  try {
    await superviseUntilExit({ child, pgid, started }, limits, outcome);
    await Promise.race([closed, sleep(PIPE_DRAIN_MS)]);
    return outcome;
  } finally {
    child.stdout?.destroy();
    child.stderr?.destroy();
    forget();
  }
}

/** The started child, leading a new process group (its pid is the group id), or why it could not start. */
async function startInOwnGroup(
  spec: CommandSpec,
): Promise<{ child: ChildProcess; pgid: number } | NodeJS.ErrnoException> {
  try {
    const child = spawn(spec.file, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const error = await once(child, "spawn").then(
      () => null,
      (spawnError: NodeJS.ErrnoException) => spawnError,
    );
    if (error !== null) return error;
    return child.pid === undefined ? new Error("spawn gave no pid") : { child, pgid: child.pid };
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/**
 * Waits for the group leader to exit, ending the group at the timeout or on abort, and ending what
 * the leader left behind in its group once it has exited.
 */
async function superviseUntilExit(
  { child, pgid, started }: { child: ChildProcess; pgid: number; started: number },
  limits: RunLimits,
  outcome: CommandOutcome,
): Promise<void> {
  let ending: Promise<void> | undefined;
  const endGroup = () => {
    ending ??= endProcessGroup(pgid, limits.graceMs);
    return ending;
  };
  const interrupt = (why: Interruption) => {
    outcome.interruption ??= why;
    void endGroup();
  };
  const timer = setTimeout(() => interrupt({ kind: "timeout" }), limits.timeoutMs);
  const onAbort = () => interrupt(abortOf(limits.signal));
  limits.signal.addEventListener("abort", onAbort, { once: true });
  if (limits.signal.aborted) onAbort();
  try {
    const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
    outcome.durationMs = performance.now() - started;
    outcome.exitCode = code;
    outcome.signal = signal;
  } finally {
    // The leader is gone: what follows is cleanup, not the command, and cannot time it out.
    clearTimeout(timer);
    limits.signal.removeEventListener("abort", onAbort);
  }
  await endGroup();
}

function collectOutput(child: ChildProcess, outcome: CommandOutcome): void {
  child.stdout?.on("data", (chunk: Buffer) => {
    outcome.stdout.write(chunk);
    outcome.output.write(chunk);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    outcome.stderr.write(chunk);
    outcome.output.write(chunk);
  });
}

/** An abort whose reason is a TimeoutError (AbortSignal.timeout) is the check's timeout, not a cancellation. */
function abortOf(signal: AbortSignal): Interruption {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === "TimeoutError") return { kind: "timeout" };
  return { kind: "abort", reason };
}

/**
 * SIGTERM-to-SIGKILL grace: 2 s, but a quarter of a short budget, so a 1 s check is not kept 3 s.
 */
export function graceFor(timeoutMs: number): number {
  return Math.min(2000, Math.max(100, Math.round(timeoutMs / 4)));
}
