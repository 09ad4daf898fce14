import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const MODULE = fileURLToPath(new URL("../../dist/cli/blocking-stdout.js", import.meta.url));

/**
 * A child writes 1 MiB to its stdout pipe in one call and says on stderr how much Node still held
 * when the call returned: the pipe takes at most 64 KiB at once, so everything else is held in the
 * process unless the write waited for the reader.
 */
async function heldAfterOneMiB(wait: boolean): Promise<number> {
  const script = `
    const { waitForStdoutReader } = await import(${JSON.stringify(MODULE)});
    if (${wait}) waitForStdoutReader();
    process.stdout.write("x".repeat(1 << 20));
    process.stderr.write("held " + process.stdout.writableLength + "\\n");`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let received = 0;
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    received += chunk.length;
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  expect(code, stderr).toBe(0);
  expect(received).toBe(1 << 20);
  const held = /held (\d+)/.exec(stderr)?.[1];
  expect(held, stderr).toBeDefined();
  return Number(held);
}

describe("waitForStdoutReader", () => {
  it("keeps nothing queued in the process: a write into a pipe returns once the reader took it", async () => {
    expect(await heldAfterOneMiB(true)).toBe(0);
  });

  it("is needed: without it Node queues what the pipe cannot take yet", async () => {
    expect(await heldAfterOneMiB(false)).toBeGreaterThan(512 * 1024);
  });
});
