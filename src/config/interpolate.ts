/**
 * `${VAR}` and `${VAR:-default}` in gonogo.yml strings, from the environment. A value that came
 * from the environment is remembered as a secret so no report prints it (`secretsIn` says which).
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
      secrets.push(...secretsIn(name, set));
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
/** A variable (or query parameter) named like a credential holds one, whatever its value looks like. */
const SECRET_NAME = /pass|pwd|secret|token|key|auth|credential|cookie|session|private|signature/i;
/** Any other value is taken for a secret when it is as long as a key or token usually is... */
const TOKEN_LENGTH = 8;
/** ...unless it is a host name, an address or a path: tokens are mixed-case, hosts are not. */
const HOST_OR_PATH = /^(?:[a-z0-9-]{1,63}\.)+(?:[a-z]{2,63}|\d{1,3})(?::\d{1,5})?$|^\.{0,2}\/[^\s]*$/;

/**
 * The parts of `value` (from variable `name`) that no report may print. Redaction replaces every
 * occurrence, so taking "prod" or "postgres" for a secret would turn `/production/health` into
 * `/***uction/health` and a database URL into stars: a short value is a secret only under a
 * credential's name. A URL stays readable (errors name it); what can carry a credential does not:
 * the password, the user when there is no password (`https://ghp_token@host`), and query values
 * named like credentials or as long as one (`?api_key=...`).
 */
function secretsIn(name: string, value: string): string[] {
  const named = SECRET_NAME.test(name);
  if (URL.canParse(value) && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const url = new URL(value);
    const parts = [
      url.password,
      url.password === "" ? url.username : "",
      ...[...url.searchParams].flatMap(([key, v]) =>
        SECRET_NAME.test(key) || v.length >= TOKEN_LENGTH ? [v] : [],
      ),
    ].filter((p) => p.length >= 3);
    return parts.flatMap((part) => [part, decodeURIComponent(part), encodeURIComponent(part)]);
  }
  if (named) return value.length >= 3 ? [value] : [];
  if (NOT_SECRET.test(value) || HOST_OR_PATH.test(value)) return [];
  return value.length >= TOKEN_LENGTH ? [value] : [];
}
