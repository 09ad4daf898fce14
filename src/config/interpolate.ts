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

export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>): Interpolation {
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
export const NOT_SECRET = /^(?:\d{1,6}|true|false|yes|no|on|off)$/i;
/** A variable (or query parameter) named like a credential holds one, whatever its value looks like. */
export const SECRET_NAME = /pass|pwd|secret|token|key|auth|credential|cookie|session|private|signature/i;
/** A host name or address, and a path of plain segments: what configuration names, not what it hides. */
const HOST = /^(?:[a-z0-9-]{1,63}\.)+(?:[a-z]{2,63}|\d{1,3})(?::\d{1,5})?$/;
const PATH = /^\.{0,2}\/[\w.-]+(?:\/[\w.-]+)+\/?$/;

/**
 * Whether a value under a name that says nothing looks like a key or token: long, and mixing
 * letters with digits or cases, the way generated secrets do. "production", "us-east-1",
 * "postgres", "checkout-api" do not; "whk_9f8e7d6c5b", "Summer2024!" and any JWT do.
 */
export function looksLikeToken(value: string): boolean {
  if (NOT_SECRET.test(value) || HOST.test(value) || PATH.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((c) => c.test(value)).length;
  return (value.length >= 8 && classes >= 3) || (value.length >= 12 && classes >= 2) || value.length >= 32;
}

/** `part` as a URL may spell it: raw, decoded (when it decodes), and encoded. */
function spellings(part: string): string[] {
  let decoded = part;
  try {
    decoded = decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    // A literal "%" (a password "50%off") is not an escape: the raw part is what is printed.
  }
  return [part, decoded, decodeURIComponentSafe(part), encodeURIComponent(decoded)];
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The parts of `value` (from variable `name`) that no report may print. Redaction replaces every
 * occurrence, so taking "prod" or "postgres" for a secret would turn `/production/health` into
 * `/***uction/health` and a database URL into stars: under a name that says nothing, a value is a
 * secret only when it looks like a token. Under a credential's name it always is, whole.
 * A URL stays readable (errors name it) unless its variable is named like a credential (a webhook
 * URL is one); what can carry a credential never does: the password, the user when there is no
 * password (`https://ghp_token@host`; not the login of an ssh URL), and query values named like
 * credentials or looking like tokens (`?api_key=...`), as they are written in the URL and decoded.
 */
function secretsIn(name: string, value: string): string[] {
  const named = SECRET_NAME.test(name);
  if (URL.canParse(value) && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const url = new URL(value);
    // Over HTTPS a user without a password is a token (`https://ghp_x@host`); over ssh it is a login.
    const login = /^(?:ssh|git|git\+ssh|sftp):$/.test(url.protocol);
    const user = url.password === "" && (named || !login || looksLikeToken(url.username)) ? url.username : "";
    // Query values as written (`a+b%2Fc`), not as URLSearchParams decodes them.
    const query = url.search
      .slice(1)
      .split("&")
      .flatMap((pair) => {
        const [key = "", raw = ""] = pair.split("=", 2);
        const decoded = decodeURIComponentSafe(raw.replace(/\+/g, " "));
        return SECRET_NAME.test(decodeURIComponentSafe(key)) || looksLikeToken(decoded) ? [raw] : [];
      });
    const whole = named ? [value, url.pathname.length >= 8 ? url.pathname : ""] : [];
    const parts = [...whole, url.password, user, ...query].filter((p) => p.length >= 3);
    return [...new Set(parts.flatMap(spellings))];
  }
  if (named) return value.length >= 3 ? [value] : [];
  return looksLikeToken(value) ? [value] : [];
}
