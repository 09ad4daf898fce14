import type { Stats } from "node:fs";
import type { ErrorKind } from "./errors.js";

/** What an errno means to someone at a terminal; the code stays in brackets for a search. */
const CAUSES: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a directory",
  ELOOP: "too many symbolic links (a symlink loop)",
  ENAMETOOLONG: "the name is too long",
  EIO: "input/output error on the device",
  EFBIG: "the file would be too large",
  ENXIO: "no process is reading from it",
  EBUSY: "it is busy",
  ETXTBSY: "it is busy",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
};

/** Whether `error` is a failure of the system under a file operation (not a bug in gonogo). */
export function isFsFailure(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && Object.hasOwn(CAUSES, code);
}

/** `no space left on the device (ENOSPC)`; an unknown code as itself. */
export function describeFsFailure(error: NodeJS.ErrnoException): string {
  const code = error.code ?? "";
  return Object.hasOwn(CAUSES, code) ? `${CAUSES[code]} (${code})` : error.message;
}

/**
 * The kind of error for a file gonogo could not read: `not-found` when it is not there (a missing
 * file or folder on its path), else `otherwise` (it is there but unreadable, or not a file).
 */
export function readFailureKind(error: unknown, otherwise: ErrorKind): ErrorKind {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR" ? "not-found" : otherwise;
}

/**
 * What a path is when it is not a plain file or a directory ("a named pipe"), or null. Reading a
 * named pipe blocks until something writes to it, maybe for ever: gonogo reads files only.
 */
export function specialFileKind(info: Stats): string | null {
  if (info.isFIFO()) return "a named pipe (FIFO)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return null;
}
