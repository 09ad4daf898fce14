import { looksLikeToken, NOT_SECRET, SECRET_NAME } from "./interpolate.js";
import type { YamlPath } from "./yaml-source.js";

/** `Bearer abc`, `Basic dXNlcjpwYXNz`: a scheme word, then the credential. */
const SCHEME_AND_CREDENTIAL = /^[A-Za-z][\w-]*\s+(\S+)$/;

/**
 * Credentials that the shape of a config value gives away, whether it was written in gonogo.yml
 * or came from the environment: a header named like a credential (`Authorization`, `X-Api-Key`)
 * holds one, with or without its scheme word; a URL's `user:password` is what the http probe
 * sends as Basic auth, so the pair is a secret (its base64 is masked with it), and the password
 * alone when it looks like a token (a password "postgres" would turn every "postgres" into stars).
 */
export function credentialsIn(path: YamlPath, value: string): string[] {
  const header = path.length >= 2 && path[path.length - 2] === "headers" ? path[path.length - 1] : undefined;
  if (typeof header === "string" && SECRET_NAME.test(header)) {
    const credential = SCHEME_AND_CREDENTIAL.exec(value)?.[1];
    // A flag or a number (`X-Private-Network: true`) is not a credential; masking it garbles reports.
    return [value, credential ?? ""].filter((part) => part.length >= 3 && !NOT_SECRET.test(part));
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || !URL.canParse(value)) return [];
  const url = new URL(value);
  if (url.password === "") return [];
  const password = decodeSafely(url.password);
  const pair = `${decodeSafely(url.username)}:${password}`;
  return looksLikeToken(password) ? [pair, password] : [pair];
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
