import { readFile } from "node:fs/promises";
import { resolveInside, resolveTargetDir } from "../shared/target-dir.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import { analyzeDockerfile, exposedPorts, inherited, type Stage } from "./analyze-dockerfile.js";
import type { DockerfileConfig } from "./config.js";
import { isFloating, isUnresolved, parseImageRef } from "./image-ref.js";

/** Reads and analyzes the Dockerfile: stages, final user, healthcheck, base images, ports. */
export async function run(config: DockerfileConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const root = resolveTargetDir("dockerfile", config.target, ctx);
  const file = resolveInside(root, config.path);
  if ("error" in file) return { observations: {}, error: file.error };
  const text = await readDockerfile(file.path, ctx.signal);
  if (typeof text !== "string") return { observations: {}, error: text.error };
  const analysis = analyzeDockerfile(text);
  if ("error" in analysis) return { observations: {}, error: `${analysis.error} in ${file.path}` };
  return observeStages(analysis.stages, analysis.final, file.path);
}

async function readDockerfile(file: string, signal: AbortSignal): Promise<string | { error: string }> {
  try {
    return await readFile(file, { encoding: "utf8", signal });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { error: `Dockerfile not found: ${file}` };
    if (code === "EISDIR") return { error: `Dockerfile is a directory: ${file}` };
    if (signal.aborted) return { error: `stopped (timeout or cancel) while reading ${file}` };
    return { error: `cannot read Dockerfile ${file}: ${(error as Error).message}` };
  }
}

function observeStages(stages: Stage[], final: Stage, file: string): ProbeResult {
  const finalUser = inherited(final, (stage) => stage.user) ?? "root";
  const images = [...new Set(stages.filter((stage) => stage.parent === null).map((stage) => stage.image))];
  const refs = images.map(parseImageRef);
  const floating = refs.filter(isFloating).map((image) => image.ref);
  const unresolved = refs.filter(isUnresolved).map((image) => image.ref);
  return {
    observations: {
      stages: stages.length,
      final_user: finalUser,
      runs_as_root: /^(root|0)(:.*)?$/.test(finalUser),
      healthcheck: inherited(final, (stage) => stage.healthcheck) ?? false,
      base_images: images,
      latest_tags: floating.length,
      exposed_ports: exposedPorts(final),
    },
    evidence: {
      path: file,
      stages: stages.map((stage) => ({ line: stage.line, name: stage.name, from: stage.image })),
      ...(floating.length > 0 && { floatingImages: floating }),
      ...(unresolved.length > 0 && { unresolvedImages: unresolved }),
    },
  };
}
