import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

function gitRoot(start: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * How the store names a checklist: its path from the root of its git repository
 * (`docs/launch.md`), so teammates' clones share history on one Postgres; its absolute path
 * outside a repository.
 */
export function checklistKey(path: string): string {
  let absolute = resolve(path);
  try {
    absolute = realpathSync(absolute);
  } catch {
    // A checklist that no longer exists can still be looked up by the path it had.
  }
  const root = gitRoot(dirname(absolute));
  return root ? relative(root, absolute).split(sep).join("/") : absolute;
}

/** The commit checked out where the checklist lives, or null outside a repository (or without git). */
export function gitCommit(path: string): Promise<string | null> {
  return new Promise((done) => {
    execFile("git", ["rev-parse", "HEAD"], { cwd: dirname(resolve(path)), timeout: 3000 }, (error, stdout) =>
      done(error ? null : stdout.trim() || null),
    );
  });
}
