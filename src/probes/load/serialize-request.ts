import { GonogoError } from "../../core/errors.js";
import type { Route } from "../shared/traffic/plan-routes.js";

// A header name is an RFC 9110 token; a value has no CR, LF or NUL, so no header can smuggle in another.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const UNSAFE_VALUE = /[\r\n\0]|[\u0100-\uffff]/; // a header is bytes: latin1 at most
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/**
 * A route's whole HTTP/1.1 request as bytes, built once and written as is for every request of the
 * run: `host` from the target unless the route sets one, `content-length` for the body (0 for a
 * POST, PUT or PATCH without one). A header that could not be sent as written is a config error.
 */
export function serializeRequest(route: Route, host: string): Buffer {
  if (/[\s\0]/.test(route.path))
    throw new GonogoError(
      "config",
      `load: route "${route.name}": the path "${route.path}" holds white space`,
      ["encode it in the URL: a space is %20"],
    );
  // A request line is ASCII: `/search?q=日本` goes out percent-encoded, as a browser sends it.
  const path = route.path.replace(/[^\x21-\x7e]+/g, (text) => encodeURIComponent(text));
  const lines = [`${route.method} ${path} HTTP/1.1`];
  const headers: Record<string, string> = { host, ...route.headers };
  if (route.body !== undefined || BODY_METHODS.has(route.method))
    headers["content-length"] = String(route.body?.length ?? 0);
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name) || UNSAFE_VALUE.test(value))
      throw new GonogoError(
        "config",
        `load: route "${route.name}": header "${name}" cannot be sent as written`,
        ["a header name is letters, digits and -_.!#$%&'*+^`|~; a value holds no line break"],
      );
    lines.push(`${name}: ${value}`);
  }
  const head = Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
  return route.body === undefined ? head : Buffer.concat([head, route.body]);
}
