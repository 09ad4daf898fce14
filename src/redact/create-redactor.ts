import { derivedForms, type SecretForm } from "./derived-forms.js";
import { maskText } from "./mask-text.js";
import { findSecrets, type SecretMatch } from "./secret-patterns.js";

export type Redactor = <T>(value: T) => T;

/**
 * A secret found by its shape somewhere in a value is masked wherever else it shows in that value,
 * even cut short; a short captured value (`password=abc`) is not hunted through other text.
 */
const MIN_FOUND_CHARS = 8;

/**
 * The one masking mechanism for what gonogo shows, stores or signs. Replaces, in any string inside
 * `value` (object keys included), every known secret in each of its derived forms (URL-encoded,
 * quoted, base64 at any alignment: see `derivedForms`) with `mask`, and every secret-looking string
 * (cloud keys, tokens, private keys, `password=...`) with its redacted spelling (`AKIA****MPLE`).
 * A secret found by its shape in one string is masked in the others too, cut at their edges included.
 */
export function createRedactor(secrets: string[], mask = "***"): Redactor {
  const known = [...new Set(secrets.filter((s) => s.length > 0))].flatMap(derivedForms);
  return function redact<T>(value: T): T {
    const scanned = new Map<string, SecretMatch[]>();
    const found = new Set<string>();
    forEachString(value, (text, key) => {
      const cacheKey = contextual(text, key);
      if (scanned.has(cacheKey)) return;
      const matches = scan(text, key);
      scanned.set(cacheKey, matches);
      for (const match of matches) {
        const secret = text.slice(match.start, match.end);
        if (secret.length >= MIN_FOUND_CHARS) found.add(secret);
      }
    });
    const foundForms: SecretForm[] = [...found].map((text) => ({ text }));
    const masked = new Map<string, string>();
    return walk(value, (text, key) => {
      const cacheKey = contextual(text, key);
      let out = masked.get(cacheKey);
      if (out === undefined) {
        const matches = scanned.get(cacheKey) ?? scan(text, key);
        out = maskText(text, { known, matches, found: foundForms }, mask);
        masked.set(cacheKey, out);
      }
      return out;
    });
  };
}

// A value is read with its field name in front, so `password` or `client_secret` fields are
// recognised as the credential assignments they are; the key itself is masked on its own.
const SEPARATOR = ": ";

function contextual(text: string, key: string | undefined): string {
  return key === undefined ? text : `${key}${SEPARATOR}${text}`;
}

/** Pattern matches in `text`, read after `key: `, with spans relative to `text`. */
function scan(text: string, key: string | undefined): SecretMatch[] {
  if (key === undefined) return findSecrets(text);
  const offset = key.length + SEPARATOR.length;
  return findSecrets(contextual(text, key)).flatMap((match) =>
    match.end <= offset
      ? []
      : [{ ...match, start: Math.max(0, match.start - offset), end: match.end - offset }],
  );
}

/**
 * Calls `onString` on each string `walk` would visit, in the same order and with the same field
 * names, without rebuilding anything: the first of the redactor's two passes only looks.
 */
function forEachString(value: unknown, onString: (text: string, key: string | undefined) => void): void {
  const visit = (item: unknown, key: string | undefined): void => {
    if (typeof item === "string") onString(item, key);
    else if (Array.isArray(item)) for (const entry of item) visit(entry, key);
    else if (item instanceof Map) {
      for (const [k, v] of item) {
        visit(k, undefined);
        visit(v, typeof k === "string" ? k : undefined);
      }
    } else if (ArrayBuffer.isView(item) || item === null || typeof item !== "object") return;
    else if (Object.getPrototypeOf(item) !== Object.prototype) return;
    else
      for (const [k, v] of Object.entries(item)) {
        onString(k, undefined);
        visit(v, k);
      }
  };
  visit(value, undefined);
}

/**
 * Rebuilds `value` with `onString` applied to each string, passing the field name a string sits
 * under. Maps stay Maps; bytes (a checklist's own content) and other class instances are not
 * evidence and are left as they are.
 */
function walk<T>(value: T, onString: (text: string, key: string | undefined) => string): T {
  const visit = (item: unknown, key: string | undefined): unknown => {
    if (typeof item === "string") return onString(item, key);
    if (Array.isArray(item)) return item.map((entry) => visit(entry, key));
    if (item instanceof Map) {
      return new Map(
        [...item].map(([k, v]) => [visit(k, undefined), visit(v, typeof k === "string" ? k : undefined)]),
      );
    }
    if (ArrayBuffer.isView(item) || item === null || typeof item !== "object") return item;
    if (Object.getPrototypeOf(item) !== Object.prototype) return item;
    return Object.fromEntries(Object.entries(item).map(([k, v]) => [onString(k, undefined), visit(v, k)]));
  };
  return visit(value, undefined) as T;
}
