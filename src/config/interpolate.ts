/**
 * `${VAR}` and `${VAR:-default}` in gonogo.yml strings, from the environment. Every value that
 * came from the environment is remembered as a possible secret so no report prints it: the whole
 * value, or for a URL only its password (the URL itself is what a user needs to read errors).
 */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface Interpolation {
  value: string;
  /** Variables referenced with no default and not set. */
  missing: string[];
  secrets: string[];
}

export function interpolate(text: string, env: NodeJS.ProcessEnv): Interpolation {
  const missing: string[] = [];
  const secrets: string[] = [];
  const value = text.replace(REFERENCE, (_whole, name: string, fallback: string | undefined) => {
    const set = env[name];
    if (set !== undefined && set !== "") {
      secrets.push(...secretsIn(set));
      return set;
    }
    if (fallback !== undefined) return fallback;
    missing.push(name);
    return "";
  });
  return { value, missing, secrets };
}

// Numbers and booleans (ports, flags) are not secrets, and redacting "1" everywhere would garble reports.
const NOT_SECRET = /^(?:\d{1,6}|true|false|yes|no|on|off)$/i;

function secretsIn(value: string): string[] {
  if (NOT_SECRET.test(value)) return [];
  try {
    const url = new URL(value);
    if (url.protocol && url.host) return url.password ? [decodeURIComponent(url.password), url.password] : [];
  } catch {
    // not a URL: the whole value is the secret
  }
  return value.length >= 4 ? [value] : [];
}
