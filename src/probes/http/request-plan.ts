import { GonogoError } from "../../core/errors.js";
import { joinPath, lowerCaseKeys, moveUserinfoToHeader } from "../shared/http-url.js";
import { redactUrl } from "../shared/redact-url.js";
import type { Target } from "../types.js";
import type { HttpConfig } from "./config.js";

/** One request as it goes on the wire: absolute URL without userinfo, lower-case header names. */
export interface RequestPlan {
  url: URL;
  /** The URL as configured, password masked: what messages and evidence show. */
  redactedUrl: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Resolves the check's target, joins `path` to its url and merges the target's headers under the
 * check's. Throws a config error for a target that does not exist or has no url.
 */
export function planRequest(config: HttpConfig, targets: Record<string, Target>): RequestPlan {
  const target = config.target === undefined ? undefined : targets[config.target];
  if (config.target !== undefined && target === undefined) {
    throw new GonogoError("config", `http: unknown target "${config.target}"`, [
      `known targets: ${Object.keys(targets).join(", ") || "(none)"}`,
    ]);
  }
  const base = config.url ?? target?.url;
  if (base === undefined || !URL.canParse(base)) {
    throw new GonogoError("config", `http: target "${config.target}" has no valid url`);
  }
  const url = config.path === undefined ? new URL(base) : joinPath(new URL(base), config.path);
  const headers = { ...lowerCaseKeys(target?.headers), ...lowerCaseKeys(config.headers) };
  const body = config.json === undefined ? config.body : JSON.stringify(config.json);
  if (config.json !== undefined) headers["content-type"] ??= "application/json";
  const redactedUrl = redactUrl(url);
  moveUserinfoToHeader(url, headers);
  const method = config.method ?? (body === undefined ? "GET" : "POST");
  const plan = { url, redactedUrl, method, headers };
  return body === undefined ? plan : { ...plan, body };
}
