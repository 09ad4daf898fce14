import type { Target } from "../types.js";
import { redactUrl } from "./redact-url.js";

/**
 * Why `target` cannot take the `probe`'s HTTP requests: its url is not http:// or https://
 * (a `htps://` typo, a database URL under an http check). Undefined when it can.
 */
export function httpTargetProblem(probe: string, name: string, target: Target): string | undefined {
  const url = target.url;
  if (url === undefined) return undefined; // targetNeeds says so already
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol === "http:" || parsed?.protocol === "https:") return undefined;
  return `target "${name}" is not an http:// or https:// URL (${redactUrl(url)}): the ${probe} probe sends HTTP requests`;
}
