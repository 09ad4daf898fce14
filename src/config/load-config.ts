import { readFile, stat } from "node:fs/promises";
import type { z } from "zod";
import { GonogoError } from "../core/errors.js";
import { describeFsFailure, readFailureKind, specialFileKind } from "../core/fs-failure.js";
import { checkExpectation, type Expectation, parseExpectation } from "../expect/index.js";
import { PROBES } from "../probes/registry.js";
import type { Probe, Target } from "../probes/types.js";
import { createRedactor } from "../redact/create-redactor.js";
import { credentialsIn } from "./credential-secrets.js";
import { interpolate } from "./interpolate.js";
import { describeAt, describeZodIssues } from "./issues.js";
import { describeUnknownCheckKey, describeUnknownProbeKey } from "./key-hints.js";
import { PROTO_KEY, protoKeysIn, withoutPrototypes } from "./own-names.js";
import { rolloutGateProblems } from "./rollout-gates.js";
import {
  CHECK_COMMON_KEYS,
  checkCommonSchema,
  configSchema,
  durationSchema,
  type RawConfig,
} from "./schema.js";
import { overrideTargets, type TargetOverrides } from "./target-overrides.js";
import type { YamlSourceParser } from "./yaml-cache.js";
import { parseYamlSource, type YamlPath, type YamlSource } from "./yaml-source.js";

/** One check as the engine runs it: its probe, validated probe config, parsed expectations. */
export interface CheckDefinition {
  id: string;
  probe: Probe<unknown>;
  probeConfig: unknown;
  timeoutMs: number;
  retries: number;
  expectations: Expectation[];
  itemSpecs: string[];
}

export interface LoadedConfig {
  path: string;
  config: RawConfig;
  targets: Record<string, Target>;
  checks: CheckDefinition[];
  /**
   * Never printed, stored or reported: values from the environment that are secrets, and the
   * credentials a value's shape gives away (a URL's password, an Authorization header).
   */
  secrets: string[];
  locate(path: YamlPath, key?: string): string;
}

/** Loads, interpolates and validates gonogo.yml; every problem found is reported at once (exit 2). */
export async function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  return parseConfig(path, await readConfigText(path), { env });
}

/** What a config is read with besides its text: the environment `${VAR}` reads, and target overrides. */
export interface ConfigInputs {
  env: Readonly<Record<string, string | undefined>>;
  /** Replace fields of targets the file names (a canary's URL): checked as if the file said so. */
  targets?: TargetOverrides;
}

/**
 * Interpolates and validates gonogo.yml text already in memory; `path` is where it came from, for
 * messages and as the folder relative paths resolve against. Every problem at once (exit 2).
 * `parseSource` may keep parsed documents (createYamlSourceCache): what it returns is only read.
 */
export function parseConfig(
  path: string,
  text: string,
  inputs: ConfigInputs,
  parseSource: YamlSourceParser = parseYamlSource,
): LoadedConfig {
  const source = parseSource(path, text);
  const problems: string[] = [];
  const secrets: string[] = [];
  for (const path of protoKeysIn(source.data)) {
    problems.push(
      describeAt(source, path, "a name JavaScript reserves, so gonogo cannot hold it: rename it", PROTO_KEY),
    );
  }
  const overridden = inputs.targets ? overrideTargets(source, inputs.targets, problems) : source.data;
  const data = interpolateAll(source, overridden, [], inputs.env, problems, secrets);
  const config = withoutPrototypes(parseSections(source, data, problems));
  const checks = loadChecks(source, config, problems);
  problems.push(...rolloutGateProblems(source, config));
  if (problems.length > 0) {
    // A value from the environment can end up in a message ("got ..."): never print it.
    const redact = createRedactor(secrets);
    throw new GonogoError(
      "config",
      `${path}: ${problems.length} problem${problems.length > 1 ? "s" : ""} in the config`,
      redact(problems),
    );
  }
  const targets = withoutPrototypes(
    Object.fromEntries(Object.entries(config.targets).map(([name, t]) => [name, { name, ...t } as Target])),
  );
  return { path, config, targets, checks, secrets: [...new Set(secrets)], locate: source.locate };
}

async function readConfigText(path: string): Promise<string> {
  return decodeConfigText(await readConfigBytes(path));
}

/** gonogo.yml's text as Node reads a file as UTF-8 (invalid bytes become U+FFFD, a BOM is kept). */
export function decodeConfigText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/** Reads gonogo.yml's bytes; a missing file, a directory or a device is a config error (exit 2). */
export async function readConfigBytes(path: string): Promise<Uint8Array> {
  const unreadable = (error: NodeJS.ErrnoException): never => {
    const why = error.code === "ENOENT" ? "no such file" : describeFsFailure(error);
    throw new GonogoError(
      readFailureKind(error, "config"),
      `${path}: cannot read config: ${why}`,
      ["write a gonogo.yml beside the checklist (see the README), or name one with -c"],
      { cause: error },
    );
  };
  const info = await stat(path).catch(unreadable);
  const kind = info.isDirectory() ? "a directory" : specialFileKind(info);
  if (kind !== null)
    throw new GonogoError("config", `${path}: is ${kind}, not a config file: name gonogo.yml itself`);
  return readFile(path).catch(unreadable);
}

/**
 * Each top-level section on its own, so a mistake in `gates:` does not hide the problems of
 * `checks:`; a section that fails falls back to its default so checking can go on.
 */
function parseSections(source: YamlSource, data: unknown, problems: string[]): RawConfig {
  const object =
    data !== null && typeof data === "object" && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : {};
  if (object !== data && data !== null && data !== undefined) {
    problems.push(describeAt(source, [], "expected a mapping with `version: 1`, `checks:` ..."));
  }
  const shape = configSchema.shape;
  const sections: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const parsed = (schema as z.ZodType).safeParse(object[key]);
    if (parsed.success) sections[key] = parsed.data;
    else {
      problems.push(...describeZodIssues(source, [key], parsed.error));
      sections[key] = (schema as z.ZodType).safeParse(undefined).data;
    }
  }
  for (const key of Object.keys(object).filter((k) => !Object.hasOwn(shape, k) && k !== PROTO_KEY)) {
    problems.push(describeAt(source, [], "unknown key", key));
  }
  return sections as RawConfig;
}

function interpolateAll(
  source: YamlSource,
  value: unknown,
  path: YamlPath,
  env: ConfigInputs["env"],
  problems: string[],
  secrets: string[],
): unknown {
  if (typeof value === "string") {
    const result = interpolate(value, env);
    for (const name of result.missing) {
      problems.push(
        describeAt(source, path, `\${${name}} is not set (write \${${name}:-default} for a default)`),
      );
    }
    secrets.push(...result.secrets, ...credentialsIn(path, result.value));
    return result.value;
  }
  if (Array.isArray(value))
    return value.map((v, i) => interpolateAll(source, v, [...path, i], env, problems, secrets));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        interpolateAll(source, v, [...path, k], env, problems, secrets),
      ]),
    );
  }
  return value;
}

function loadChecks(source: YamlSource, config: RawConfig, problems: string[]): CheckDefinition[] {
  const checks: CheckDefinition[] = [];
  for (const [id, block] of Object.entries(config.checks)) {
    const check = loadCheck(source, config, id, block, problems);
    if (check) checks.push(check);
  }
  return checks;
}

function loadCheck(
  source: YamlSource,
  config: RawConfig,
  id: string,
  block: Record<string, unknown>,
  problems: string[],
): CheckDefinition | null {
  const base: YamlPath = ["checks", id];
  const before = problems.length;
  const probeKeys = Object.keys(block).filter((k) => !(CHECK_COMMON_KEYS as readonly string[]).includes(k));
  const known = probeKeys.filter((k) => PROBES.has(k));
  const only = known.length === 1 ? PROBES.get(known[0] as string) : undefined;
  for (const key of probeKeys.filter((k) => !PROBES.has(k))) {
    problems.push(describeAt(source, base, describeUnknownCheckKey(key, block[key], only), key));
  }
  if (probeKeys.length === 0)
    problems.push(
      describeAt(source, ["checks"], `needs one probe key (${[...PROBES.keys()].join(", ")})`, id),
    );
  if (known.length > 1)
    problems.push(
      describeAt(
        source,
        ["checks"],
        `has ${known.length} probe keys (${known.join(", ")}): a check runs exactly one probe`,
        id,
      ),
    );
  const common = checkCommonSchema.safeParse(
    Object.fromEntries(Object.entries(block).filter(([k]) => !probeKeys.includes(k))),
  );
  if (!common.success) problems.push(...describeZodIssues(source, base, common.error));
  const probeKey = known.length === 1 ? (known[0] as string) : undefined;
  const probe = probeKey ? PROBES.get(probeKey) : undefined;
  if (!probe || !probeKey) return null;

  // The probe block and the expectations are checked even when the common keys are wrong, so
  // one run of gonogo names every problem of the check.
  const { probeConfig, timeoutMs } = loadProbeBlock(
    source,
    config,
    [...base, probeKey],
    probe,
    block[probeKey],
    problems,
  );
  const written = Array.isArray(block.expect)
    ? block.expect.filter((e): e is string => typeof e === "string")
    : [];
  const expectations = loadExpectations(source, [...base, "expect"], probe, written, problems);
  if (probe.checkRequested && probeConfig !== undefined && problems.length === before) {
    const requested = expectations.map((e) => e.observable);
    for (const problem of probe.checkRequested(probeConfig, requested)) {
      problems.push(describeAt(source, [...base, "expect"], problem));
    }
  }
  if (problems.length > before || !common.success) return null;
  const items = common.data.item;
  return {
    id,
    probe,
    probeConfig,
    timeoutMs,
    retries: common.data.retries ?? config.defaults.retries,
    expectations,
    itemSpecs: Array.isArray(items) ? items : [items],
  };
}

function loadProbeBlock(
  source: YamlSource,
  config: RawConfig,
  path: YamlPath,
  probe: Probe<unknown>,
  block: unknown,
  problems: string[],
): { probeConfig: unknown; timeoutMs: number } {
  const fields = block !== null && typeof block === "object" ? { ...(block as Record<string, unknown>) } : {};
  if (block === null || typeof block !== "object" || Array.isArray(block)) {
    problems.push(describeAt(source, path, `expected a mapping of ${probe.name} settings`));
  }
  // `timeout:` belongs to the engine, whichever the probe: it is taken out before the probe's schema sees the block.
  let timeoutMs = config.defaults.timeout;
  if ("timeout" in fields) {
    const timeout = durationSchema.safeParse(fields.timeout);
    if (timeout.success) timeoutMs = timeout.data;
    else problems.push(...describeZodIssues(source, [...path, "timeout"], timeout.error));
    delete fields.timeout;
  }
  // The command probe names its target as `cwd:` (a target name or a plain folder).
  const targetKey =
    typeof fields.target === "string"
      ? "target"
      : probe.name === "command" &&
          typeof fields.cwd === "string" &&
          Object.hasOwn(config.targets, fields.cwd)
        ? "cwd"
        : undefined;
  const named = targetKey ? config.targets[fields[targetKey] as string] : undefined;
  if (targetKey && named && probe.targetNeeds && !named[probe.targetNeeds]) {
    problems.push(
      describeAt(
        source,
        [...path, targetKey],
        `target "${fields[targetKey]}" has no ${probe.targetNeeds}: the ${probe.name} probe needs one (targets.${fields[targetKey]}.${probe.targetNeeds})`,
      ),
    );
  }
  const targetName = targetKey ? (fields[targetKey] as string) : "";
  const unfit = named ? probe.checkTarget?.(targetName, { name: targetName, ...named }) : undefined;
  if (unfit !== undefined) problems.push(describeAt(source, [...path, targetKey ?? "target"], unfit));
  if (typeof fields.target === "string" && !Object.hasOwn(config.targets, fields.target)) {
    const names = Object.keys(config.targets);
    problems.push(
      describeAt(
        source,
        [...path, "target"],
        `target "${fields.target}" is not defined under targets: (${names.join(", ") || "none defined"})`,
      ),
    );
  }
  const parsed = probe.configSchema.safeParse(fields);
  if (!parsed.success) {
    problems.push(
      ...describeZodIssues(source, path, parsed.error, (at, key) => describeUnknownProbeKey(probe, at, key)),
    );
  }
  return { probeConfig: parsed.success ? withoutPrototypes(parsed.data) : undefined, timeoutMs };
}

function loadExpectations(
  source: YamlSource,
  path: YamlPath,
  probe: Probe<unknown>,
  written: string[],
  problems: string[],
): Expectation[] {
  const expectations: Expectation[] = [];
  written.forEach((text, index) => {
    const parsed = parseExpectation(text);
    if (!parsed.ok) {
      problems.push(
        `${describeAt(source, [...path, index], parsed.error.message)}\n${indent(parsed.error.pretty)}`,
      );
      return;
    }
    const { observable } = parsed.expectation;
    const spec = Object.hasOwn(probe.observables, observable.name)
      ? probe.observables[observable.name]
      : undefined;
    if (!spec) {
      const names = Object.keys(probe.observables).join(", ");
      problems.push(
        describeAt(
          source,
          [...path, index],
          `the ${probe.name} probe has no observable "${observable.name}" (it has: ${names})`,
        ),
      );
      return;
    }
    const problem = checkExpectation(parsed.expectation, spec);
    if (problem) problems.push(describeAt(source, [...path, index], `${text}: ${problem}`));
    else expectations.push(parsed.expectation);
  });
  return expectations;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
