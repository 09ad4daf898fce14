import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
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
    await expect(writeFileAtomic(target, "new\n")).rejects.toMatchObject({ code: expect.any(String) });
    expect(statSync(target).isDirectory()).toBe(true);
    expect(readFileSync(join(target, "inside.txt"), "utf8")).toBe("kept\n");
    expect(readdirSync(dir)).toEqual(["checklist.md"]);
  });

  it("fails without a trace when the folder does not exist", async () => {
    const dir = tempDir();
    await expect(writeFileAtomic(join(dir, "missing", "checklist.md"), "x")).rejects.toMatchObject({
      code: "ENOENT",
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});
