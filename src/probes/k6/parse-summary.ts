import { z } from "zod";
import { builtinContains } from "./builtin-metrics.js";

export type MetricType = "counter" | "gauge" | "rate" | "trend";

export interface K6Metric {
  type: MetricType;
  /** `time`: values in ms; `data`: bytes; `unknown`: a custom metric in a summary-export file. */
  contains: "time" | "data" | "default" | "unknown";
  /** By k6's stat names (`avg`, `p(95)`, `count`); a rate metric's ratio is always under `rate`. */
  values: Record<string, number>;
  /** Threshold expression -> whether it held. */
  thresholds: Record<string, boolean>;
}

export interface K6Summary {
  shape: "summary-export" | "handleSummary";
  metrics: Map<string, K6Metric>;
  testRunDurationMs?: number;
}

export class SummaryError extends Error {}

// handleSummary(data) / JSON.stringify(data): each metric is { type, contains, values, thresholds: { expr: { ok } } }.
const handleSummarySchema = z.object({
  metrics: z.record(
    z.string(),
    z.object({
      type: z.enum(["counter", "gauge", "rate", "trend"]),
      contains: z.string().optional(),
      values: z.record(z.string(), z.number()),
      thresholds: z.record(z.string(), z.object({ ok: z.boolean() })).optional(),
    }),
  ),
  state: z.object({ testRunDurationMs: z.number().optional() }).optional(),
});

// `k6 run --summary-export`: each metric's values are flat and a threshold maps to true when it FAILED
// (k6 writes `!ok`); a rate metric's ratio is under `value`.
const summaryExportSchema = z.object({
  metrics: z.record(
    z.string(),
    z.object({ thresholds: z.record(z.string(), z.boolean()).optional() }).catchall(z.number()),
  ),
});

/** Either JSON k6 writes at the end of a test, told apart by shape (`values` objects or flat numbers). */
export function parseK6Summary(text: string): K6Summary {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    if (isOutputStream(text)) {
      throw new SummaryError(
        "this is k6's --out json stream of data points, not a summary: write one with --summary-export or handleSummary",
      );
    }
    throw new SummaryError(`not valid JSON: ${(error as Error).message}`);
  }
  const metrics = (document as { metrics?: unknown } | null)?.metrics;
  if (typeof metrics !== "object" || metrics === null || Array.isArray(metrics)) {
    throw new SummaryError('not a k6 summary: no "metrics" object');
  }
  const isHandleSummary = Object.values(metrics).some(
    (metric) => typeof metric === "object" && metric !== null && "values" in metric && "type" in metric,
  );
  return isHandleSummary ? fromHandleSummary(document) : fromSummaryExport(document);
}

function fromHandleSummary(document: unknown): K6Summary {
  const data = validate(handleSummarySchema, document, "handleSummary");
  const metrics = new Map<string, K6Metric>();
  for (const [name, metric] of Object.entries(data.metrics)) {
    const contains = metric.contains === "time" || metric.contains === "data" ? metric.contains : "default";
    const thresholds = Object.entries(metric.thresholds ?? {}).map(([expr, { ok }]) => [expr, ok]);
    metrics.set(name, {
      type: metric.type,
      contains,
      values: metric.values,
      thresholds: Object.fromEntries(thresholds),
    });
  }
  const testRunDurationMs = data.state?.testRunDurationMs;
  return { shape: "handleSummary", metrics, ...(testRunDurationMs !== undefined && { testRunDurationMs }) };
}

function fromSummaryExport(document: unknown): K6Summary {
  const data = validate(summaryExportSchema, document, "--summary-export");
  const metrics = new Map<string, K6Metric>();
  for (const [name, { thresholds = {}, ...flat }] of Object.entries(data.metrics)) {
    const values = flat as Record<string, number>;
    const type = inferType(values);
    if (type === "rate" && "value" in values) {
      values.rate = values.value as number;
      delete values.value;
    }
    const ok = Object.entries(thresholds).map(([expr, failed]) => [expr, !failed]);
    metrics.set(name, { type, contains: builtinContains(name), values, thresholds: Object.fromEntries(ok) });
  }
  return { shape: "summary-export", metrics };
}

/** `k6 run --out json=x.json` writes one JSON object per line: `{"type":"Metric",...}`, `{"type":"Point",...}`. */
function isOutputStream(text: string): boolean {
  try {
    const type = (JSON.parse(text.slice(0, text.indexOf("\n"))) as { type?: unknown } | null)?.type;
    return type === "Metric" || type === "Point";
  } catch {
    return false;
  }
}

/** The summary-export file drops `type`; each kind's stats tell it: rate {passes, fails, value}, gauge {value, min, max}, counter {count, rate}. */
function inferType(values: Record<string, number>): MetricType {
  if ("passes" in values || "fails" in values) return "rate";
  if ("value" in values) return "gauge";
  if ("rate" in values) return "counter";
  return "trend";
}

function validate<T>(schema: z.ZodType<T>, document: unknown, shape: string): T {
  const parsed = schema.safeParse(document);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.map(String).join(".") ?? "";
  throw new SummaryError(`not a k6 ${shape} summary: ${where}: ${issue?.message ?? "unexpected shape"}`);
}
