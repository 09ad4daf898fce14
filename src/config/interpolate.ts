/**
 * `${VAR}` and `${VAR:-default}` in gonogo.yml strings, from the environment. Every value that
 * came from the environment is remembered as a possible secret so no report prints it: the whole
 * value, or for a URL only its password (the URL itself is what a user needs to read errors).
 */
// `$${VAR}` is a literal `${VAR}` (for a shell in a `run:` command); `${VAR}` and `${VAR:-default}` interpolate.
const REFERENCE = /\$?\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface Interpolation {
  value: string;
  /** Variables referenced with no default and not set. */
  missing: string[];
  secrets: string[];
}

export function interpolate(text: string, env: NodeJS.ProcessEnv): Interpolation {
  const missing: string[] = [];
  const secrets: string[] = [];
  const value = text.replace(REFERENCE, (whole: string, name: string, fallback: string | undefined) => {
    if (whole.startsWith("$$")) return whole.slice(1);
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
  if (URL.canParse(value)) {
    // A URL stays readable (errors name it); what can carry a credential does not: the user info
    // (`https://ghp_token@host`) and query values (`?api_key=...`).
    const url = new URL(value);
    const parts = [url.username, url.password, ...url.searchParams.values()].filter((p) => p.length >= 4);
    return parts.flatMap((part) => [part, decodeURIComponent(part), encodeURIComponent(part)]);
  }
  return value.length >= 4 ? [value] : [];
}
