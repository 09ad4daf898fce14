import type { YamlPath } from "./yaml-source.js";

/**
 * Names in gonogo.yml (check ids, targets, sections, tags, headers, env) are the user's, whatever
 * they are: `constructor` or `toString` is a name like any other. Two things stand in the way in
 * JavaScript, and this module removes both:
 * - a plain object answers `name in map` and `map[name]` for the names of Object.prototype, so a
 *   map the loader hands on has no prototype (`withoutPrototypes`);
 * - `__proto__` cannot be a key of a plain object at all (zod drops it without a word, so a check
 *   of that name silently vanished): it is refused with its place in the file (`protoKeysIn`).
 */
export const PROTO_KEY = "__proto__";

/** The path of every mapping in `value` that has a `__proto__` key. */
export function protoKeysIn(value: unknown, path: YamlPath = []): YamlPath[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => protoKeysIn(v, [...path, i]));
  if (value === null || typeof value !== "object") return [];
  const own = Object.hasOwn(value, PROTO_KEY) ? [path] : [];
  return [
    ...own,
    ...Object.entries(value).flatMap(([k, v]) => (k === PROTO_KEY ? [] : protoKeysIn(v, [...path, k]))),
  ];
}

/** A copy of `value` in which every plain object (deeply) has no prototype; other objects are kept as they are. */
export function withoutPrototypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutPrototypes) as T;
  if (value === null || typeof value !== "object") return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, v] of Object.entries(value)) copy[key] = withoutPrototypes(v);
  return copy as T;
}
