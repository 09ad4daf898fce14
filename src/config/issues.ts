import type { z } from "zod";
import { PROTO_KEY } from "./own-names.js";
import type { YamlPath, YamlSource } from "./yaml-source.js";

/** One config problem, located: `gonogo.yml:12:7 checks.health.http.path: expected string`. */
export function describeAt(source: YamlSource, path: YamlPath, message: string, key?: string): string {
  const dotted = [...path, ...(key === undefined ? [] : [key])].join(".");
  return `${source.locate(path, key)} ${dotted === "" ? "" : `${dotted}: `}${message}`;
}

/**
 * Each zod issue as one line with its place in the file. `unknownKey` words an unknown key (given
 * its place within what the schema parsed), e.g. to name the probe and suggest the key meant.
 */
export function describeZodIssues(
  source: YamlSource,
  base: YamlPath,
  error: z.ZodError,
  unknownKey: (at: YamlPath, key: string) => string = () => "unknown key",
): string[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path as (string | number)[];
    const path = [...base, ...at];
    if (issue.code === "unrecognized_keys") {
      // A `__proto__` key has its own message (load-config.ts): not a second line for the same key.
      const keys = issue.keys.filter((key) => key !== PROTO_KEY);
      return keys.map((key) => describeAt(source, path, unknownKey(at, key), key));
    }
    return [describeAt(source, path, issue.message)];
  });
}
