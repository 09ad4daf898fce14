import { type Arg, DockerfileParser, type Healthcheck, type Instruction } from "dockerfile-ast";
import { type BuildArgs, expandBuildArgs } from "./expand-build-args.js";

/** One build stage: a FROM and the instructions up to the next one. */
export interface Stage {
  /** The `AS` name, lower-cased as Docker compares it; null when unnamed. */
  name: string | null;
  /** The FROM image with global build arguments substituted. */
  image: string;
  /** 1-based line of the FROM. */
  line: number;
  /** The earlier stage this one builds on (`FROM build`), whose settings it inherits. */
  parent: Stage | null;
  /** The last USER of this stage; null when it sets none. */
  user: string | null;
  /** The last HEALTHCHECK of this stage: true for CMD, false for NONE, null when it has none. */
  healthcheck: boolean | null;
  exposedPorts: string[];
}

/** The stages of a Dockerfile in order, or why it is not one: `analyzeDockerfile("RUN x")` has no FROM. */
export function analyzeDockerfile(text: string): { stages: Stage[]; final: Stage } | { error: string } {
  const instructions = DockerfileParser.parse(text).getInstructions();
  const globalArgs: BuildArgs = new Map();
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    const stage = stages.at(-1);
    if (keyword === "FROM") {
      const next = stageOf(instruction, globalArgs, stages);
      if ("error" in next) return next;
      stages.push(next);
    } else if (stage === undefined) {
      // Only ARGs may come before the first FROM; they alone can be used in FROM lines.
      if (keyword === "ARG") declareArg(instruction as Arg, globalArgs);
    } else if (keyword === "USER") {
      stage.user = instruction.getExpandedArguments()[0]?.getValue() ?? stage.user;
    } else if (keyword === "HEALTHCHECK") {
      const subcommand = (instruction as Healthcheck).getSubcommand()?.getValue().toUpperCase();
      stage.healthcheck = subcommand !== undefined && subcommand !== "NONE";
    } else if (keyword === "EXPOSE") {
      stage.exposedPorts.push(
        ...instruction.getExpandedArguments().map((port) => normalizePort(port.getValue())),
      );
    }
  }
  const final = stages.at(-1);
  if (final === undefined) return { error: "no FROM instruction" };
  return { stages, final };
}

function stageOf(from: Instruction, globalArgs: BuildArgs, earlier: Stage[]): Stage | { error: string } {
  const line = from.getRange().start.line + 1;
  // Arguments after flags such as --platform: image, then optionally `AS name`.
  const [image, as, name] = from.getArguments().map((argument) => argument.getValue());
  if (image === undefined) return { error: `FROM without an image on line ${line}` };
  const expanded = expandBuildArgs(image, globalArgs);
  const parent = earlier.findLast((stage) => stage.name === expanded.toLowerCase()) ?? null;
  return {
    name: as?.toUpperCase() === "AS" && name !== undefined ? name.toLowerCase() : null,
    image: expanded,
    line,
    parent,
    user: null,
    healthcheck: null,
    exposedPorts: [],
  };
}

function declareArg(arg: Arg, globalArgs: BuildArgs): void {
  const property = arg.getProperty();
  if (property === null) return;
  const value = property.getValue();
  globalArgs.set(property.getName(), value === null ? undefined : expandBuildArgs(value, globalArgs));
}

/** `EXPOSE 80/tcp` and `EXPOSE 80` are the same port; udp stays explicit. */
function normalizePort(port: string): string {
  return port.replace(/\/tcp$/i, "");
}

/** The final image's value of a setting: the nearest stage up the `FROM <stage>` chain that sets it. */
export function inherited<T>(stage: Stage, pick: (stage: Stage) => T | null): T | null {
  for (let current: Stage | null = stage; current !== null; current = current.parent) {
    const value = pick(current);
    if (value !== null) return value;
  }
  return null;
}

/** Ports exposed by the stage and every stage it builds on, without repeats. */
export function exposedPorts(stage: Stage): string[] {
  const ports: string[] = [];
  for (let current: Stage | null = stage; current !== null; current = current.parent) {
    ports.unshift(...current.exposedPorts);
  }
  return [...new Set(ports)];
}
