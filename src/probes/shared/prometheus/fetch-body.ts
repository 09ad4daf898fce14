import { Agent, type Dispatcher } from "undici";
import type { ProbeContext } from "../../types.js";
import { policyConnectOptions } from "../network-policy.js";

export interface FetchedBody {
  status: number;
  /** The Content-Type header, "" when absent. */
  contentType: string;
  /** At most `maxBytes` bytes. */
  body: Buffer;
  /** True when the body went on past `maxBytes` and reading stopped there. */
  truncated: boolean;
}

export interface FetchOptions {
  dispatcher: Dispatcher;
  signal: AbortSignal;
  maxBytes: number;
}

/** One agent per run: its sockets live and die with the check, whatever the server does. */
export function runAgent(ctx: Pick<ProbeContext, "timeoutMs" | "network">, insecure: boolean): Agent {
  return new Agent({
    // The caller's block list (a server's policy) is checked on each resolved address.
    connect: { rejectUnauthorized: !insecure, timeout: ctx.timeoutMs, ...policyConnectOptions(ctx) },
    headersTimeout: ctx.timeoutMs,
    bodyTimeout: ctx.timeoutMs,
  });
}

/** GETs `url` and reads the body up to `maxBytes`; rejects on a network error or at the signal. */
export async function fetchBody(
  url: URL,
  headers: Record<string, string>,
  options: FetchOptions,
): Promise<FetchedBody> {
  const response = await options.dispatcher.request({
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: "GET",
    headers,
    signal: options.signal,
  });
  const type = response.headers["content-type"];
  const contentType = (Array.isArray(type) ? type[0] : type) ?? "";
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    const room = options.maxBytes - length;
    if (chunk.byteLength > room) {
      chunks.push(chunk.subarray(0, room));
      // Leaving the loop destroys the stream, and with it the connection.
      return { status: response.statusCode, contentType, body: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  return { status: response.statusCode, contentType, body: Buffer.concat(chunks), truncated: false };
}
