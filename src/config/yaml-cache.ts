import { createHash } from "node:crypto";
import { type ParsedYaml, parseYaml, type YamlSource, yamlSourceOf } from "./yaml-source.js";

/** Parses gonogo.yml text into a source named after `file`, like `parseYamlSource`. */
export type YamlSourceParser = (file: string, text: string) => YamlSource;

/**
 * `parseYamlSource` that keeps the last `maxEntries` parsed documents by the sha256 of their text,
 * so a worker verifying the same services again and again parses each gonogo.yml once while it is
 * unchanged (the YAML parse was ~3 ms of a job's ~47 ms of CPU). An edited file has another hash and is
 * parsed afresh. Services with byte-identical files share one entry, which holds nothing of either
 * but the text's own data: the file name and every place named in a message come from each call.
 * The shared data is frozen: parseConfig copies it while interpolating, so no run can change what
 * the next one reads. Failures are not kept: a broken file is reported again, naming its own path.
 */
export function createYamlSourceCache(maxEntries = 128): YamlSourceParser {
  const entries = new Map<string, ParsedYaml>();
  return function parseCachedYamlSource(file, text) {
    const key = createHash("sha256").update(text).digest("hex");
    let parsed = entries.get(key);
    if (parsed === undefined) {
      const fresh = parseYaml(file, text);
      parsed = { ...fresh, data: deepFreeze(fresh.data) };
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    } else entries.delete(key);
    // Re-inserted on every use, so the Map's first key is the least recently used.
    entries.set(key, parsed);
    return yamlSourceOf(file, parsed);
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
