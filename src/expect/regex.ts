import { RE2JS } from "re2js";

const FLAG_BITS = new Map([
  ["i", RE2JS.CASE_INSENSITIVE],
  ["m", RE2JS.MULTILINE],
  ["s", RE2JS.DOTALL],
]);

/** Flags the language takes, for messages. */
export const REGEX_FLAGS = [...FLAG_BITS.keys()].join(", ");

// Checks re-run every few minutes on a server; compiling once per distinct pattern is enough.
const compiled = new Map<string, RE2JS>();
const CACHE_LIMIT = 1000;

/** Index of the first flag that is not i, m or s (or repeats one), or -1 when all are fine. */
export function badFlagIndex(flags: string): number {
  return [...flags].findIndex((flag, i) => !FLAG_BITS.has(flag) || flags.indexOf(flag) !== i);
}

/**
 * Compiles with RE2 (linear time: a user's pattern can never hang a check) or returns RE2's
 * complaint. Flags must already be valid (see badFlagIndex).
 */
export function compileRegex(source: string, flags: string): RE2JS | string {
  const key = `${flags}/${source}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  let bits = 0;
  for (const flag of flags) bits |= FLAG_BITS.get(flag) ?? 0;
  try {
    const regex = RE2JS.compile(source, bits);
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(key, regex);
    return regex;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
