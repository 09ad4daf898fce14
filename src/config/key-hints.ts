import { PROBES } from "../probes/registry.js";
import type { Probe } from "../probes/types.js";
import { closestName } from "./closest-name.js";
import { CHECK_COMMON_KEYS } from "./schema.js";
import { schemaKeysAt } from "./schema-keys.js";

/** Keys the engine reads from inside every probe block (taken out before the probe's schema sees it). */
export const ENGINE_PROBE_KEYS = ["timeout"] as const;

/**
 * Why a key of a check is neither a check key nor a probe, and what was likely meant:
 * `retires` -> did you mean retries?; `timeout` or `path` (settings of the check's probe) -> they
 * go inside the probe block.
 */
export function describeUnknownCheckKey(
  key: string,
  value: unknown,
  probe: Probe<unknown> | undefined,
): string {
  const probeKeys = probe ? [...ENGINE_PROBE_KEYS, ...schemaKeysAt(probe.configSchema, [])] : [];
  if (probeKeys.includes(key) || (ENGINE_PROBE_KEYS as readonly string[]).includes(key)) {
    const shown = typeof value === "string" || typeof value === "number" ? String(value) : "...";
    const block = probe ? `the ${probe.name} block: ${probe.name}` : "the probe block, e.g. http";
    return `${key} is not a check key: it goes inside ${block}: { ..., ${key}: ${shown} }`;
  }
  const meant = closestName(key, [...CHECK_COMMON_KEYS, ...PROBES.keys()]);
  const hint = meant ? ` (did you mean ${meant}?)` : "";
  return `unknown probe or key "${key}"${hint} (probes: ${[...PROBES.keys()].join(", ")})`;
}

/**
 * An unknown key inside a probe block, `at` its place within the block:
 * `unknown key "tiemout" in the http probe (did you mean timeout?)`.
 */
export function describeUnknownProbeKey(
  probe: Probe<unknown>,
  at: readonly PropertyKey[],
  key: string,
): string {
  const where = `unknown key "${key}" in the ${probe.name} probe`;
  if (at.length === 0 && (CHECK_COMMON_KEYS as readonly string[]).includes(key)) {
    return `${where}: ${key} is a key of the check, written beside ${probe.name}:, not inside it`;
  }
  const known = schemaKeysAt(probe.configSchema, at);
  const meant = closestName(key, at.length === 0 ? [...known, ...ENGINE_PROBE_KEYS] : known);
  return meant ? `${where} (did you mean ${meant}?)` : where;
}
