import { GonogoError } from "../../../core/errors.js";
import type { Target } from "../../types.js";
import { lowerCaseKeys } from "../http-url.js";
import { redactUrl } from "../redact-url.js";
import type { ResponseCheck } from "./config-fields.js";

interface RequestSpec {
  path?: string | undefined;
  method?: string | undefined;
  headers?: Record<string, string> | undefined;
  body?: string | undefined;
  json?: unknown;
  name?: string | undefined;
  weight?: number | undefined;
}

/** One kind of request of a run, ready for undici's `dispatch`: built once, sent many times. */
export interface Route {
  name: string;
  weight: number;
  method: string;
  /** Path and query, joined to the target's base path. */
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

export interface TrafficPlan {
  origin: string;
  /** The target's URL, password masked, for messages and evidence. */
  redactedUrl: string;
  routes: Route[];
  check: ResponseCheck | undefined;
}

/**
 * Resolves the target (it must be named: load goes nowhere by default) and builds each route's
 * request: target headers under the route's, JSON encoded once, basic auth from the URL's userinfo.
 */
export function planTraffic(
  probe: string,
  config: RequestSpec & {
    target: string;
    mix?: RequestSpec[] | undefined;
    check?: ResponseCheck | undefined;
  },
  targets: Record<string, Target>,
): TrafficPlan {
  const target = targets[config.target];
  if (target?.url === undefined || !URL.canParse(target.url)) {
    throw new GonogoError(
      "config",
      `${probe}: target "${config.target}" is not defined or has no valid url`,
      [`known targets: ${Object.keys(targets).join(", ") || "(none)"}`],
    );
  }
  const base = new URL(target.url);
  const targetHeaders = { ...lowerCaseKeys(target.headers), ...basicAuth(base) };
  const specs = config.mix ?? [config];
  const routes = specs.map((spec, i) => buildRoute(spec, i, base, targetHeaders));
  return { origin: base.origin, redactedUrl: redactUrl(base), routes, check: config.check };
}

function buildRoute(
  spec: RequestSpec,
  index: number,
  base: URL,
  targetHeaders: Record<string, string>,
): Route {
  const headers = { ...targetHeaders, ...lowerCaseKeys(spec.headers) };
  const text = spec.json === undefined ? spec.body : JSON.stringify(spec.json);
  if (spec.json !== undefined) headers["content-type"] ??= "application/json";
  return {
    name: spec.name ?? `route${index + 1}`,
    weight: spec.weight ?? 1,
    method: spec.method ?? (text === undefined ? "GET" : "POST"),
    path: joinPath(base, spec.path ?? "/"),
    headers,
    body: text === undefined ? undefined : Buffer.from(text),
  };
}

/** base `http://h/api` + `/health?full=1` -> `/api/health?full=1`. */
function joinPath(base: URL, path: string): string {
  const queryAt = path.indexOf("?");
  const pathname = queryAt === -1 ? path : path.slice(0, queryAt);
  const query = queryAt === -1 ? base.search : path.slice(queryAt);
  return `${base.pathname.replace(/\/+$/, "")}/${pathname.replace(/^\/+/, "")}${query}`;
}

function basicAuth(url: URL): Record<string, string> {
  if (url.username === "" && url.password === "") return {};
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { authorization: `Basic ${Buffer.from(credentials).toString("base64")}` };
}

/** Picks a route's index by weight; cumulative shares keep the choice cheap on the hot path. */
export function routePicker(routes: Route[]): () => number {
  if (routes.length === 1) return () => 0;
  const total = routes.reduce((sum, route) => sum + route.weight, 0);
  let sum = 0;
  const cumulative = routes.map((route) => (sum += route.weight / total));
  return function pickRoute() {
    const x = Math.random();
    for (let i = 0; i < cumulative.length - 1; i++) if (x < (cumulative[i] as number)) return i;
    return cumulative.length - 1;
  };
}
