import { glob, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { isInside } from "../shared/target-dir.js";

export interface Match {
  /** Relative to the root, with `/` separators; directories end in `/`. */
  path: string;
  absolute: string;
  isDirectory: boolean;
  size: number;
}

/**
 * Files and directories under `root` matching `pattern`, sorted. A pattern naming an existing path
 * literally matches it as such, so `pages/[id].tsx` is a file, not a character class. Dependencies in
 * `node_modules` are skipped unless the pattern names them. Throws `EscapeError` for a match whose
 * symlinks lead outside `root`, so a link to /etc cannot be read through the probe.
 */
export async function findMatches(root: string, pattern: string, signal: AbortSignal): Promise<Match[]> {
  const realRoot = await realpath(root);
  const candidates = (await exists(path.join(root, pattern)))
    ? [path.posix.normalize(pattern)]
    : await globSorted(root, pattern, signal);
  const matches: Match[] = [];
  for (const relative of candidates) {
    signal.throwIfAborted();
    const match = await describeMatch(root, realRoot, relative);
    if (match !== null) matches.push(match);
  }
  return matches;
}

export class EscapeError extends Error {}

async function globSorted(root: string, pattern: string, signal: AbortSignal): Promise<string[]> {
  const skipDependencies = !pattern.includes("node_modules");
  const found: string[] = [];
  const entries = glob(pattern, {
    cwd: root,
    exclude: (name: string) => skipDependencies && path.basename(name) === "node_modules",
  });
  for await (const entry of entries) {
    signal.throwIfAborted();
    found.push(entry.split(path.sep).join("/"));
  }
  return found.sort();
}

async function describeMatch(root: string, realRoot: string, relative: string): Promise<Match | null> {
  const absolute = path.join(root, relative);
  const real = await realpath(absolute).catch(() => null);
  // A dangling symlink points at nothing: like `test -e`, it does not exist.
  if (real === null) return null;
  if (!isInside(realRoot, real)) throw new EscapeError(`"${relative}" leads outside the target directory`);
  const info = await stat(real);
  const isDirectory = info.isDirectory();
  return {
    path: isDirectory && !relative.endsWith("/") ? `${relative}/` : relative,
    absolute,
    isDirectory,
    size: isDirectory ? 0 : info.size,
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
