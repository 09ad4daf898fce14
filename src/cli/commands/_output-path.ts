import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { GonogoError } from "../../core/errors.js";

/** A file a command reads, which no output may replace: `{ path: "launch.md", what: "the checklist" }`. */
export interface ProtectedInput {
  path: string;
  what: string;
}

/**
 * Checks an output path before any work is done: its folder exists, it is not a directory, and it
 * is none of the command's inputs. Sameness is asked of the file system (device and inode), so a
 * symlink, `./` or `../` spelling, hard link, or other letter case where the file system ignores
 * case all count as the input they lead to.
 */
export async function assertOutputPath(flag: string, out: string, inputs: ProtectedInput[]): Promise<void> {
  const info = await stat(out).catch(() => null);
  if (!info) {
    const folder = await stat(dirname(out)).catch(() => null);
    if (!folder?.isDirectory())
      throw new GonogoError("usage", `${flag} ${out}: the folder ${dirname(out)} does not exist`);
    return;
  }
  if (info.isDirectory())
    throw new GonogoError("usage", `${flag} ${out}: is a directory; name a file (e.g. ${out}/report.txt)`);
  for (const input of inputs) {
    const same = await stat(input.path).then(
      (other) => other.dev === info.dev && other.ino === info.ino,
      () => false,
    );
    if (same)
      throw new GonogoError(
        "usage",
        `${flag} ${out} is ${input.what} (${input.path}): writing there would replace it; name another file`,
      );
  }
}
