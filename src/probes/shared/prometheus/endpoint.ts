import { GonogoError } from "../../../core/errors.js";
import type { Target } from "../../types.js";
import { joinPath, lowerCaseKeys, moveUserinfoToHeader } from "../http-url.js";
import { redactUrl } from "../redact-url.js";

/** Where a check points: `target` (a name under `targets:`) or `url`, plus a path and headers. */
export interface EndpointConfig {
  target?: string | undefined;
  url?: string | undefined;
  path?: string | undefined;
  headers?: Record<string, string> | undefined;
}

/** An absolute URL without userinfo (moved to an Authorization header) and lower-case headers. */
export interface Endpoint {
  url: URL;
  /** The URL as configured, password masked: what messages and evidence show. */
  redactedUrl: string;
  headers: Record<string, string>;
}

/**
 * Resolves the check's target or url and joins `path`; when no path is given and the URL has none,
 * `defaultPath` is used (`/metrics`, as Prometheus' own scrape config does). Throws a config error
 * for a target that does not exist or has no url.
 */
export function resolveEndpoint(
  probe: string,
  config: EndpointConfig,
  targets: Record<string, Target>,
  defaultPath?: string,
): Endpoint {
  const target = config.target === undefined ? undefined : targets[config.target];
  if (config.target !== undefined && target === undefined) {
    throw new GonogoError("config", `${probe}: unknown target "${config.target}"`, [
      `known targets: ${Object.keys(targets).join(", ") || "(none)"}`,
    ]);
  }
  const base = config.url ?? target?.url;
  if (base === undefined || !URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol)) {
    throw new GonogoError("config", `${probe}: target "${config.target}" has no valid http(s) url`);
  }
  const baseUrl = new URL(base);
  const path = config.path ?? (baseUrl.pathname === "/" ? defaultPath : undefined);
  const url = path === undefined ? baseUrl : joinPath(baseUrl, path);
  const headers = { ...lowerCaseKeys(target?.headers), ...lowerCaseKeys(config.headers) };
  const redactedUrl = redactUrl(url);
  moveUserinfoToHeader(url, headers);
  return { url, redactedUrl, headers };
}
