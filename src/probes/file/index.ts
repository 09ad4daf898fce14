import { stat } from "node:fs/promises";
import { resolveInside, resolveTargetDir } from "../target-dir.js";
import type { Probe, ProbeContext, ProbeResult } from "../types.js";
import { type FileConfig, fileConfigSchema } from "./config.js";
import { EscapeError, findMatches, type Match } from "./find-matches.js";
import { readContent } from "./read-content.js";

/** `content` holds at most this much of the matched files, in total. */
export const CONTENT_CAP_BYTES = 1024 * 1024;
const EVIDENCE_FILES = 20;

const fileProbe: Probe<FileConfig> = {
  name: "file",
  targetNeeds: "path",
  configSchema: fileConfigSchema,
  observables: {
    exists: { kind: "boolean", description: "at least one file or directory matches the path or glob" },
    count: { kind: "number", description: "number of matches" },
    files: {
      kind: "list",
      description: "matched paths relative to the target directory (directories end in /)",
    },
    size: { kind: "size", description: "total bytes of the matched files" },
    content: {
      kind: "string",
      description: "content of the matched files, one after another, capped at 1 MiB; null when none matches",
    },
  },
  run: runFileProbe,
};

export default fileProbe;

async function runFileProbe(config: FileConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const root = resolveTargetDir("file", config.target, ctx);
  const inside = resolveInside(root, config.path);
  if ("error" in inside) return { observations: {}, error: inside.error };
  if (!(await isDirectory(root))) return { observations: {}, error: `target directory not found: ${root}` };
  try {
    const matches = await findMatches(root, config.path, ctx.signal);
    return await observeMatches(matches, root, config.path, ctx.signal);
  } catch (error) {
    return { observations: {}, error: describeFailure(error, config.path, ctx.signal) };
  }
}

async function observeMatches(
  matches: Match[],
  root: string,
  pattern: string,
  signal: AbortSignal,
): Promise<ProbeResult> {
  const files = matches.filter((match) => !match.isDirectory);
  const content = files.length > 0 ? await readContent(files, CONTENT_CAP_BYTES, signal) : null;
  const size = files.reduce((total, file) => total + file.size, 0);
  return {
    observations: {
      exists: matches.length > 0,
      count: matches.length,
      files: matches.map((match) => match.path),
      size: { value: size, unit: "B" },
      content: content?.text ?? null,
    },
    evidence: {
      directory: root,
      path: pattern,
      matched: matches.slice(0, EVIDENCE_FILES).map((match) => match.path),
      ...(matches.length > EVIDENCE_FILES && { moreMatches: matches.length - EVIDENCE_FILES }),
      ...(content && content.truncatedBytes > 0 && { contentTruncatedBytes: content.truncatedBytes }),
    },
  };
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

function describeFailure(error: unknown, pattern: string, signal: AbortSignal): string {
  if (error instanceof EscapeError) return error.message;
  if (signal.aborted) return `stopped (timeout or cancel) while matching "${pattern}"`;
  const message = error instanceof Error ? error.message : String(error);
  return `cannot read "${pattern}": ${message}`;
}
