import { randomBytes } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { type FileHandle, open, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { GonogoError } from "./errors.js";
import { describeFsFailure, isFsFailure } from "./fs-failure.js";

/**
 * Writes a file so that readers see the old bytes or the new, never half: a temporary file in the
 * same directory (same filesystem, so rename is atomic), flushed to disk, then renamed over the
 * target. The target's permission bits are kept whatever the umask; a new file gets 0o644 less the umask.
 * Through a symlink, the file it points to is written and the link kept. A device or a pipe
 * (`/dev/stdout`, `>(jq .)`) is written as it is: renaming over it would replace it with a file.
 * A failure (a full disk, no permission) is a GonogoError naming the file and the cause, and the
 * target is left as it was.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  try {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    if (info && !info.isFile()) return await writeInPlace(path, info, data);
    await replaceFile(info ? await realpath(path) : path, info, data);
  } catch (error) {
    if (!isFsFailure(error)) throw error;
    throw new GonogoError(
      "output",
      `${path}: cannot write: ${describeFsFailure(error)}; nothing was written`,
      [],
      { cause: error },
    );
  }
}

async function replaceFile(path: string, info: Stats | null, data: Uint8Array | string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const mode = info ? info.mode & 0o7777 : undefined;
  const handle = await open(temp, "wx", mode ?? 0o644);
  try {
    // open() applies the umask: a group-writable 0o664 checklist would come back 0o644.
    if (mode !== undefined) await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * A pipe with no reader would block the open for ever: it is first opened without blocking, which
 * fails at once (ENXIO) when nobody reads, and kept open until the real handle is, so the reader
 * never sees the pipe without a writer (which it would take for the end).
 */
async function writeInPlace(path: string, info: Stats, data: Uint8Array | string): Promise<void> {
  const probe = info.isFIFO() ? await open(path, constants.O_WRONLY | constants.O_NONBLOCK) : undefined;
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, "w");
    await probe?.close();
    await handle.writeFile(data);
  } finally {
    await probe?.close().catch(() => undefined);
    await handle?.close();
  }
}
