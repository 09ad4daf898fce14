import type { Dispatcher } from "undici";
import { redactUrl } from "../shared/redact-url.js";
import type { RequestPlan } from "./request-plan.js";

export const MAX_REDIRECTS = 10;

/** One redirect followed: where we were, what it answered, where it sent us (passwords masked). */
export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

export interface HttpReply {
  /** The last response, body not yet read. */
  response: Dispatcher.ResponseData;
  url: URL;
  redirects: RedirectHop[];
}

export interface SendOptions {
  dispatcher: Dispatcher;
  signal: AbortSignal;
  followRedirects: boolean;
}

/** Thrown for a redirect we will not follow (too many, or to a scheme other than http/https). */
export class RedirectError extends Error {
  override name = "RedirectError";
  constructor(
    message: string,
    /** The hops followed before giving up, for evidence. */
    readonly redirects: RedirectHop[],
  ) {
    super(message);
  }
}

/**
 * Sends the request and, when asked, follows redirects as a browser does (303, and 301/302 after a
 * POST, become GET without a body). Credentials are not carried to another origin.
 */
export async function sendRequest(plan: RequestPlan, options: SendOptions): Promise<HttpReply> {
  const redirects: RedirectHop[] = [];
  let { url, method, headers, body } = plan;
  for (;;) {
    const response = await options.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      body: body ?? null,
      signal: options.signal,
    });
    const location = firstHeader(response.headers.location);
    if (!options.followRedirects || !isRedirect(response.statusCode) || location === undefined) {
      return { response, url, redirects };
    }
    // Drains a small redirect body so the connection can be reused; a large one is cut off.
    await response.body.dump({ signal: options.signal, limit: 64 * 1024 });
    const next = URL.canParse(location, url.href) ? new URL(location, url) : undefined;
    redirects.push({ url: redactUrl(url), status: response.statusCode, location: redactUrl(location) });
    if (next === undefined || (next.protocol !== "http:" && next.protocol !== "https:")) {
      throw new RedirectError(`redirected to ${redactUrl(location)}, which is not an http(s) URL`, redirects);
    }
    if (redirects.length > MAX_REDIRECTS)
      throw new RedirectError(`more than ${MAX_REDIRECTS} redirects`, redirects);
    if (next.origin !== url.origin) headers = withoutCredentials(headers);
    if (response.statusCode === 303 || (response.statusCode <= 302 && method === "POST")) {
      method = method === "HEAD" ? "HEAD" : "GET";
      body = undefined;
      headers = withoutBodyHeaders(headers);
    }
    url = next;
  }
}

function isRedirect(status: number): boolean {
  return [301, 302, 303, 307, 308].includes(status);
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const { authorization: _authorization, cookie: _cookie, ...rest } = headers;
  return rest;
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  const { "content-type": _type, "content-length": _length, ...rest } = headers;
  return rest;
}
