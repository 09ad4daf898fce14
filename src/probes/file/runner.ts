import { stat } from "node:fs/promises";
import type { PartialObservations } from "../../core/observation.js";
import { formatLimit } from "../shared/size-schema.js";
import { resolveInside, resolveTargetDir } from "../shared/target-dir.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import type { FileConfig } from "./config.js";
import { EscapeError, findMatches, type Match } from "./find-matches.js";
import { type Content, readContent } from "./read-content.js";

const EVIDENCE_FILES = 20;

/** Matches the path or glob under the target and reads what the expectations ask for. */
export async function run(config: FileConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const root = resolveTargetDir("file", config.target, ctx);
  const inside = resolveInside(root, config.path);
  if ("error" in inside) return { observations: {}, error: inside.error };
  if (!(await isDirectory(root))) return { observations: {}, error: `target directory not found: ${root}` };
  try {
    const matches = await findMatches(root, config.path, ctx.signal);
    return await observeMatches(matches, root, config, ctx.signal);
  } catch (error) {
    return { observations: {}, error: describeFailure(error, config.path, ctx.signal) };
  }
}

/**
 * What the matches show. With no file among them there is no size and no content (null, so
 * `size < 10KB` on a path that matches nothing is an error, not a pass on 0 bytes).
 */
async function observeMatches(
  matches: Match[],
  root: string,
  config: FileConfig,
  signal: AbortSignal,
): Promise<ProbeResult> {
  const files = matches.filter((match) => !match.isDirectory);
  const content = files.length > 0 ? await readContent(files, config.max_content, signal) : null;
  const size = files.reduce((total, file) => total + file.size, 0);
  return {
    observations: {
      exists: matches.length > 0,
      count: matches.length,
      files: matches.map((match) => match.path),
      size: files.length > 0 ? { value: size, unit: "B" } : null,
      content: content?.text ?? null,
    },
    partial: partialContent(content, size, config.max_content),
    evidence: {
      directory: root,
      path: config.path,
      matched: matches.slice(0, EVIDENCE_FILES).map((match) => match.path),
      ...(matches.length > EVIDENCE_FILES && { moreMatches: matches.length - EVIDENCE_FILES }),
      ...(content && content.truncatedBytes > 0 && { contentTruncatedBytes: content.truncatedBytes }),
    },
  };
}

/** Content cut at `max_content` is the start of the files only: see PartialObservation. */
function partialContent(content: Content | null, size: number, maxContent: number): PartialObservations {
  if (content === null || content.truncatedBytes === 0) return {};
  const total = `${size.toLocaleString("en")} bytes`;
  return {
    content: {
      part: "head",
      limit: `the matched files hold ${total} and content was read only to max_content (${formatLimit(maxContent)})`,
      raise: "raise max_content in the check's file block to read them all",
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
