import { readFile, realpath, stat } from "node:fs/promises";
import { isInside, resolveInside } from "./target-dir.js";

/** Reports larger than this are refused rather than read into memory (V8 strings stop near 512 MiB). */
export const REPORT_CAP_BYTES = 256 * 1024 * 1024;

export type ReportFile = { path: string; text: string } | { error: string };

/**
 * The text of a machine-written report (`what`: "coverage report", "k6 summary") at `relative` under
 * `root`, or an error naming the file and the cause. Like the file probe, it refuses paths and
 * symlinks that lead out of `root`.
 */
export async function readReportFile(
  root: string,
  relative: string,
  what: string,
  signal: AbortSignal,
): Promise<ReportFile> {
  const inside = resolveInside(root, relative);
  if ("error" in inside) return inside;
  const file = inside.path;
  try {
    const real = await realpath(file);
    if (!isInside(await realpath(root), real))
      return { error: `${what} ${file} leads outside the target directory` };
    const info = await stat(real);
    if (info.isDirectory()) return { error: `${what} is a directory: ${file}` };
    if (info.size > REPORT_CAP_BYTES) {
      const mb = (info.size / 1e6).toFixed(0);
      return { error: `${what} is too large to read: ${file} (${mb} MB; the limit is 256 MiB)` };
    }
    return { path: file, text: await readFile(real, { encoding: "utf8", signal }) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { error: `${what} not found: ${file}` };
    if (signal.aborted) return { error: `stopped (timeout or cancel) while reading ${what} ${file}` };
    return { error: `cannot read ${what} ${file}: ${(error as Error).message}` };
  }
}
