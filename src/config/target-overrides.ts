import { describeAt } from "./issues.js";
import type { YamlSource } from "./yaml-source.js";

/** Fields that replace those of a target gonogo.yml names: `{ api: { url: "http://canary:8080" } }`. */
export type TargetOverrides = Readonly<
  Record<string, { url?: string; path?: string; headers?: Record<string, string> }>
>;

/**
 * The config data with each named target's fields replaced (headers merged, the override's win).
 * They are applied before interpolation and validation, so an override is checked like the file's
 * own value. Overriding a target the file does not name is a problem: the checks never point at it.
 */
export function overrideTargets(source: YamlSource, overrides: TargetOverrides, problems: string[]): unknown {
  const data = source.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) return data;
  const record = data as Record<string, unknown>;
  const targets = isRecord(record.targets) ? record.targets : {};
  const merged: Record<string, unknown> = { ...targets };
  for (const [name, override] of Object.entries(overrides)) {
    const current = targets[name];
    if (!Object.hasOwn(targets, name) || !isRecord(current)) {
      const names = Object.keys(targets).join(", ") || "none defined";
      problems.push(
        describeAt(
          source,
          ["targets"],
          `target "${name}" is overridden but not defined under targets: (${names})`,
        ),
      );
      continue;
    }
    const headers = isRecord(current.headers) ? current.headers : undefined;
    merged[name] = {
      ...current,
      ...override,
      ...(override.headers ? { headers: { ...headers, ...override.headers } } : {}),
    };
  }
  return { ...record, targets: merged };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
