import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "./atomic-write.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "gonogo-atomic-"));
}

describe("writeFileAtomic", () => {
  it("writes the bytes exactly, over an existing file, and leaves no temporary file behind", async () => {
    const dir = tempDir();
    const path = join(dir, "checklist.md");
    writeFileSync(path, "- [ ] old\n");
    // CRLF, a BOM and a byte that is not UTF-8: written as given, never re-encoded.
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x2d, 0x20, 0x5b, 0x78, 0x5d, 0x0d, 0x0a, 0xff]);
    await writeFileAtomic(path, bytes);
    expect(new Uint8Array(readFileSync(path))).toEqual(bytes);
    expect(readdirSync(dir)).toEqual(["checklist.md"]);
  });

  it("creates a file that did not exist", async () => {
    const dir = tempDir();
    await writeFileAtomic(join(dir, "new.md"), "# New\n");
    expect(readFileSync(join(dir, "new.md"), "utf8")).toBe("# New\n");
    expect(readdirSync(dir)).toEqual(["new.md"]);
  });

  // 0o666 and 0o664 are above what the usual umask (022) lets a new file have.
  it.each([
    ["600", 0o600],
    ["640", 0o640],
    ["755", 0o755],
    ["664", 0o664],
    ["666", 0o666],
  ])("keeps the file's mode %s", async (_, mode) => {
    const path = join(tempDir(), "checklist.md");
    writeFileSync(path, "old\n");
    chmodSync(path, mode);
    await writeFileAtomic(path, "new\n");
    expect(statSync(path).mode & 0o7777).toBe(mode);
  });

  it("leaves the target and its folder as they were when the write fails", async () => {
    // Tests run as root, so a read-only folder would not stop the write: a directory in the
    // target's place makes the rename fail instead.
    const dir = tempDir();
    const target = join(dir, "checklist.md");
    mkdirSync(target);
    writeFileSync(join(target, "inside.txt"), "kept\n");
    await expect(writeFileAtomic(target, "new\n")).rejects.toMatchObject({ kind: expect.any(String) });
    expect(statSync(target).isDirectory()).toBe(true);
    expect(readFileSync(join(target, "inside.txt"), "utf8")).toBe("kept\n");
    expect(readdirSync(dir)).toEqual(["checklist.md"]);
  });

  it("fails without a trace when the folder does not exist", async () => {
    const dir = tempDir();
    const path = join(dir, "missing", "checklist.md");
    await expect(writeFileAtomic(path, "x")).rejects.toMatchObject({
      kind: "output",
      message: `${path}: cannot write: no such file or folder (ENOENT); nothing was written`,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("writes through a symlink to the file it points to, and keeps the link", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "real.md"), "old\n");
    symlinkSync(join(dir, "real.md"), join(dir, "link.md"));
    await writeFileAtomic(join(dir, "link.md"), "new\n");
    expect(lstatSync(join(dir, "link.md")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real.md"), "utf8")).toBe("new\n");
  });

  it("writes into a device as it is, never renaming a file over it: /dev/full says the disk is full", async () => {
    await expect(writeFileAtomic("/dev/full", "report\n")).rejects.toMatchObject({
      kind: "output",
      message: "/dev/full: cannot write: no space left on the device (ENOSPC); nothing was written",
    });
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
  });

  it("writes into a named pipe a reader holds open, and refuses at once one nobody reads", async () => {
    const dir = tempDir();
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    await expect(writeFileAtomic(fifo, "x")).rejects.toMatchObject({
      kind: "output",
      message: `${fifo}: cannot write: no process is reading from it (ENXIO); nothing was written`,
    });
    const reader = spawn("cat", [fifo]);
    const read = new Promise<string>((resolve) => {
      let text = "";
      reader.stdout.on("data", (chunk) => {
        text += chunk;
      });
      reader.on("close", () => resolve(text));
    });
    // `cat` opens the pipe when it starts; until then a write finds no reader and is refused.
    for (;;) {
      const written = await writeFileAtomic(fifo, "through the pipe\n").then(
        () => true,
        () => false,
      );
      if (written) break;
    }
    expect(await read).toBe("through the pipe\n");
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});
