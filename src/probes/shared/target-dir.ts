import path from "node:path";
import { GonogoError } from "../../core/errors.js";
import type { ProbeContext } from "../types.js";

/** A resolved path, or a message naming what could not be resolved. */
export type Resolution = { path: string } | { error: string };

/**
 * The directory a probe block's `target:` names (its `path`, relative to gonogo.yml's folder),
 * or gonogo.yml's folder when the block names no target. A target that does not exist or has
 * no path is a config error, as in every probe.
 */
export function resolveTargetDir(
  probeName: string,
  targetName: string | undefined,
  ctx: Pick<ProbeContext, "targets" | "baseDir">,
): string {
  if (targetName === undefined) return ctx.baseDir;
  const target = ctx.targets[targetName];
  if (target === undefined) {
    throw new GonogoError("config", `${probeName}: unknown target "${targetName}"`, [
      `known targets: ${Object.keys(ctx.targets).join(", ") || "(none)"}`,
    ]);
  }
  if (target.path === undefined) {
    throw new GonogoError("config", `${probeName}: target "${targetName}" has no path`);
  }
  return path.resolve(ctx.baseDir, target.path);
}

/**
 * Joins `relative` (a path or glob) under `root`, refusing absolute paths and `..` that would leave it:
 * `resolveInside("/repo", "k8s/../Dockerfile")` is `/repo/Dockerfile`, `resolveInside("/repo", "../x")` an error.
 */
export function resolveInside(root: string, relative: string): Resolution {
  const normalized = path.posix.normalize(relative.replaceAll("\\", "/"));
  if (path.isAbsolute(relative) || normalized === ".." || normalized.startsWith("../")) {
    return { error: `path "${relative}" leaves the target directory ${root}` };
  }
  return { path: path.join(root, normalized) };
}

/** Whether `candidate` is `root` or lies beneath it (both absolute, symlinks already resolved). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  const leaves = relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return !leaves;
}
