import { execFileSync } from "node:child_process";
import { mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import commandProbe from "./index.js";
import { run as runCommand } from "./runner.js";

let baseDir: string;
beforeAll(async () => {
  baseDir = await realpath(await mkdtemp(path.join(tmpdir(), "gonogo-command-")));
});
afterAll(async () => {
  await rm(baseDir, { recursive: true, force: true });
});

function context(overrides: Partial<ProbeContext> = {}): ProbeContext {
  return {
    signal: new AbortController().signal,
    timeoutMs: 10_000,
    requested: [],
    targets: {},
    baseDir,
    ...overrides,
  };
}

async function probe(config: unknown, overrides: Partial<ProbeContext> = {}): Promise<ProbeResult> {
  return runCommand(commandProbe.configSchema.parse(config), context(overrides));
}

/** Processes of the group still running, by `ps` (zombies excluded: they are dead, only unreaped). */
function livingMembers(pgid: number): string[] {
  const table = execFileSync("ps", ["-A", "-o", "pid=,pgid=,stat="], { encoding: "utf8" });
  return table
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(([, group, state]) => Number(group) === pgid && !state?.startsWith("Z"))
    .map(([pid]) => pid ?? "");
}

describe("command probe", () => {
  it("reports exit code, output and duration of a passing command", async () => {
    const result = await probe({ run: "echo hello; echo oops >&2" });
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({
      exit_code: 0,
      signal: null,
      stdout: "hello\n",
      stderr: "oops\n",
    });
    expect(result.observations.output).toMatch(/hello\n|oops\n/);
    expect(result.observations.duration).toEqual({ value: expect.any(Number), unit: "ms" });
    expect(result.evidence).toMatchObject({
      command: "echo hello; echo oops >&2",
      cwd: baseDir,
      exitCode: 0,
    });
  });

  it("reports a failing exit code as an observation, not an error", async () => {
    const result = await probe({ run: "echo failing >&2; exit 3" });
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({ exit_code: 3, signal: null, stderr: "failing\n" });
    expect(result.evidence).toMatchObject({ exitCode: 3, stderrTail: "failing" });
  });

  it("runs argv without a shell, with the config env over gonogo's own", async () => {
    const script = "console.log(process.argv[1], process.env.GREETING, process.env.PORT, !!process.env.PATH)";
    const result = await probe({
      argv: [process.execPath, "-e", script, "two words"],
      env: { GREETING: "hi", PORT: 8080 },
    });
    expect(result.observations.stdout).toBe("two words hi 8080 true\n");
    expect(result.evidence).toMatchObject({ command: `${process.execPath} -e '${script}' 'two words'` });
  });

  it("runs in a target's directory or a path relative to the checklist's folder", async () => {
    const inTarget = await probe(
      { run: "pwd", cwd: "repo" },
      { targets: { repo: { name: "repo", path: "/" } } },
    );
    expect(inTarget.observations.stdout).toBe("/\n");
    execFileSync("mkdir", ["-p", path.join(baseDir, "sub/dir")]);
    const inPath = await probe({ run: "pwd", cwd: "sub/dir" });
    expect(inPath.observations.stdout).toBe(`${baseDir}/sub/dir\n`);
  });

  it("keeps only the last 64 KiB of 10 MB of output", async () => {
    const result = await probe({ run: "head -c 10485760 /dev/zero | tr '\\0' x; echo END; echo err >&2" });
    const stdout = result.observations.stdout as string;
    expect(stdout).toHaveLength(64 * 1024);
    expect(stdout.endsWith("xxxxEND\n")).toBe(true);
    expect(result.observations.stderr).toBe("err\n");
    expect(result.evidence).toMatchObject({ stdoutDroppedBytes: 10 * 1024 * 1024 + 4 - 64 * 1024 });
    expect(String(result.evidence?.stdoutTail).split("\n")).toHaveLength(1);
  });

  it("times out a hanging command, keeping the output seen so far", async () => {
    const started = performance.now();
    const result = await probe({ run: "echo before; sleep 60" }, { timeoutMs: 1000 });
    const elapsed = performance.now() - started;
    expect(result.error).toBe("timed out after 1s: echo before; sleep 60");
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(GAVE_UP_WITHIN_MS);
    expect(result.observations).toMatchObject({ exit_code: null, signal: "SIGTERM", stdout: "before\n" });
    expect(result.evidence).toMatchObject({ stdoutTail: "before" });
  });

  it("kills children that ignore SIGTERM and leaves no process of the group", async () => {
    const started = performance.now();
    const run = `trap "" TERM; sleep 60 & sleep 60 & echo $$; wait`;
    const result = await probe({ run }, { timeoutMs: 1000 });
    const elapsed = performance.now() - started;
    expect(result.error).toBe(`timed out after 1s: ${run}`);
    expect(result.observations.signal).toBe("SIGKILL");
    // 1 s budget + 250 ms grace at least
    expect(elapsed).toBeGreaterThanOrEqual(1200);
    expect(elapsed).toBeLessThan(GAVE_UP_WITHIN_MS);
    const pgid = Number((result.observations.stdout as string).trim());
    expect(pgid).toBeGreaterThan(0);
    expect(livingMembers(pgid)).toEqual([]);
  });

  it("ends background processes a command leaves in its group when it exits", async () => {
    const started = performance.now();
    const result = await probe({ run: "sleep 60 & echo $$" });
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
    expect(result.observations.exit_code).toBe(0);
    expect(livingMembers(Number((result.observations.stdout as string).trim()))).toEqual([]);
  });

  it("does not turn the cleanup of a stubborn leftover into a timeout", async () => {
    const result = await probe({ run: `trap "" TERM; sleep 60 & echo $$` }, { timeoutMs: 1000 });
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({ exit_code: 0, signal: null });
    expect(livingMembers(Number((result.observations.stdout as string).trim()))).toEqual([]);
  });

  it("names a missing executable", async () => {
    const direct = await probe({ argv: ["no-such-program-gonogo", "--version"] });
    expect(direct.error).toBe(
      "executable not found: no-such-program-gonogo (for no-such-program-gonogo --version)",
    );
    expect(direct.observations).toEqual({});
    const viaShell = await probe({ run: "no-such-program-gonogo --version" });
    expect(viaShell.error).toMatch(/^command not found \(exit 127\): .*no-such-program-gonogo.*not found/);
    expect(viaShell.observations.exit_code).toBe(127);
    const shell = await probe({ run: "true", shell: "/no/such/shell" });
    expect(shell.error).toBe("shell not found: /no/such/shell (for true)");
  });

  it("throws a config error for a cwd target without a path", async () => {
    const targets = { api: { name: "api", url: "http://127.0.0.1:1" } };
    await expect(probe({ run: "true", cwd: "api" }, { targets })).rejects.toMatchObject({
      kind: "config",
      message: 'command: target "api" has no path',
    });
  });

  it("names a working directory that does not exist", async () => {
    const result = await probe({ run: "true", cwd: "no/such/dir" });
    expect(result.error).toBe(`working directory not found: ${baseDir}/no/such/dir (for true)`);
  });

  it("stops when aborted, and does not start when already aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    const result = await probe({ run: "sleep 60" }, { signal: controller.signal });
    expect(result.error).toBe("cancelled: sleep 60");
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
    const before = await probe({ run: "echo never" }, { signal: AbortSignal.abort() });
    expect(before.error).toBe("cancelled: echo never");
    expect(before.observations.stdout).toBe("");
  });

  it("reports an engine abort with a TimeoutError reason as a timeout", async () => {
    const started = performance.now();
    const result = await probe({ run: "sleep 60" }, { signal: AbortSignal.timeout(300), timeoutMs: 5000 });
    expect(result.error).toBe("timed out after 5s: sleep 60");
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
  });
});
