import type { Dispatcher } from "undici";
import { z } from "zod";
import { joinPath } from "../shared/http-url.js";
import type { Endpoint } from "../shared/prometheus/endpoint.js";
import { fetchBody } from "../shared/prometheus/fetch-body.js";

/** 64 MiB: a week of a few series at the finest step is a few MB; more means the query is too wide. */
const MAX_ANSWER = 64 * 1024 * 1024;

/** Prometheus answered, but not with data: a PromQL error, its own timeout, or not Prometheus at all. */
export class PrometheusApiError extends Error {
  override name = "PrometheusApiError";
}

export interface PrometheusApi {
  endpoint: Endpoint;
  dispatcher: Dispatcher;
  signal: AbortSignal;
}

export interface ApiAnswer {
  data: unknown;
  warnings: string[];
}

// https://prometheus.io/docs/prometheus/latest/querying/api/#format-overview
const envelopeSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("success"), data: z.unknown(), warnings: z.array(z.string()).optional() }),
  z.object({ status: z.literal("error"), errorType: z.string().optional(), error: z.string().optional() }),
]);

/**
 * GETs `/api/v1/<path>` under the server's base URL and returns its `data`. Throws
 * PrometheusApiError for an `error` answer (`query failed (bad_data): 1:6: parse error: ...`) or a
 * body that is not the API's JSON; network failures reject as they come (the caller names them).
 */
export async function getApi(
  api: PrometheusApi,
  path: string,
  params: Record<string, string> = {},
): Promise<ApiAnswer> {
  const url = joinPath(api.endpoint.url, `/api/v1/${path}`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const headers = { accept: "application/json", ...api.endpoint.headers };
  const reply = await fetchBody(url, headers, {
    dispatcher: api.dispatcher,
    signal: api.signal,
    maxBytes: MAX_ANSWER,
  });
  const what = path.startsWith("query") ? "query" : `/api/v1/${path}`;
  if (reply.truncated)
    throw new PrometheusApiError(`${what}: answer larger than 64MiB; narrow the query or raise step`);
  const envelope = envelopeSchema.safeParse(parseJson(reply.body.toString("utf8")));
  if (!envelope.success) {
    const type = reply.contentType === "" ? "" : `, ${reply.contentType}`;
    throw new PrometheusApiError(
      `not a Prometheus API: GET /api/v1/${path} answered HTTP ${reply.status}${type}`,
    );
  }
  if (envelope.data.status === "error") {
    const { errorType = "error", error = "(no message)" } = envelope.data;
    throw new PrometheusApiError(`${what} failed (${errorType}): ${error}`);
  }
  return { data: envelope.data.data, warnings: envelope.data.warnings ?? [] };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
