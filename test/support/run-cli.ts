import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { JsonReport } from "../../src/model/report.js";
import { checkedReport } from "./report-model.js";

export const BIN = fileURLToPath(new URL("../../bin/gonogo.js", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface CliOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs the built command as a user would, with colours off unless the test asks otherwise. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return startCli(args, options).finished;
}

/** A command still running: send it signals once `waitForStderr` has seen the state a test needs. */
export interface RunningCli {
  child: ChildProcess;
  /** Resolves when stderr so far matches `pattern`; rejects, with what it printed, if it exits first. */
  waitForStderr(pattern: RegExp): Promise<void>;
  finished: Promise<CliRun>;
}

export function startCli(args: string[], options: CliOptions = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const finished = new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  const waitForStderr = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(stderr)) return;
        child.stderr?.off("data", check);
        resolve();
      };
      child.stderr?.on("data", check);
      check();
      finished.then((run) =>
        reject(new Error(`exited ${run.code} before stderr matched ${pattern}; stderr:\n${run.stderr}`)),
      );
    });
  return { child, waitForStderr, finished };
}

/**
 * The JSON a run printed on stdout; when there is none to parse, an error that says how the run
 * ended and what it printed on stderr, so a failure in CI explains itself.
 */
export function stdoutJson<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(
      `no JSON on stdout (exit ${run.code}); stdout: ${JSON.stringify(run.stdout.slice(0, 500))}; stderr:\n${run.stderr.slice(-4000)}`,
    );
  }
}

/** The JSON report a run printed on stdout, checked against the report model (unknown keys refused). */
export function stdoutReport(run: CliRun): JsonReport {
  return checkedReport(stdoutJson<unknown>(run), "stdout");
}
