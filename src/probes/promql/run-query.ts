import { z } from "zod";
import { parseFloatValue } from "../shared/prometheus/exposition/parse-number.js";
import { type PromqlConfig, stepOf } from "./config.js";
import { getApi, type PrometheusApi, PrometheusApiError } from "./prometheus-api.js";

export interface QuerySeries {
  labels: Record<string, string>;
  /** In time order; NaN where PromQL has no number (a quantile over no traffic). */
  values: number[];
}

export interface QueryAnswer {
  resultType: "vector" | "matrix" | "scalar";
  series: QuerySeries[];
  warnings: string[];
}

const point = z.tuple([z.number(), z.string()]);
const dataSchema = z.discriminatedUnion("resultType", [
  z.object({
    resultType: z.literal("vector"),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: point })),
  }),
  z.object({
    resultType: z.literal("matrix"),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(point) })),
  }),
  z.object({ resultType: z.literal("scalar"), result: point }),
  z.object({ resultType: z.literal("string"), result: point }),
]);

/**
 * Runs the configured query: an instant query now, or a range query over the last `range`.
 * Prometheus' own `timeout` is set below ours so that a slow query is stopped there, and it says so.
 */
export async function runQuery(
  api: PrometheusApi,
  config: PromqlConfig & { query: string },
  timeoutMs: number,
): Promise<QueryAnswer> {
  const nowSeconds = Date.now() / 1000;
  const params: Record<string, string> = { query: config.query, timeout: `${serverTimeoutMs(timeoutMs)}ms` };
  const path = config.range === undefined ? "query" : "query_range";
  if (config.range === undefined) params.time = String(nowSeconds);
  else {
    params.start = String(nowSeconds - config.range / 1000);
    params.end = String(nowSeconds);
    params.step = String(stepOf({ ...config, range: config.range }) / 1000);
  }
  const answer = await getApi(api, path, params);
  const parsed = dataSchema.safeParse(answer.data);
  if (!parsed.success) throw new PrometheusApiError("query: the answer's data is not a PromQL result");
  const data = parsed.data;
  const number = ([, text]: [number, string]) => parseFloatValue(text) ?? Number.NaN;
  switch (data.resultType) {
    case "string":
      throw new PrometheusApiError("query: the result is a string, not numbers");
    case "scalar":
      return {
        resultType: "scalar",
        series: [{ labels: {}, values: [number(data.result)] }],
        warnings: answer.warnings,
      };
    case "vector":
      return {
        resultType: "vector",
        series: data.result.map((s) => ({ labels: s.metric, values: [number(s.value)] })),
        warnings: answer.warnings,
      };
    case "matrix":
      return {
        resultType: "matrix",
        series: data.result.map((s) => ({ labels: s.metric, values: s.values.map(number) })),
        warnings: answer.warnings,
      };
  }
}

/** Leaves up to 500ms (at most half the timeout) for Prometheus' timeout answer to reach us. */
export function serverTimeoutMs(timeoutMs: number): number {
  return Math.max(1, Math.round(Math.max(timeoutMs - 500, timeoutMs / 2)));
}
