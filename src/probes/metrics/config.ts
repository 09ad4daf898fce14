import { z } from "zod";
import { sizeSchema } from "../shared/size-schema.js";

/** 16 MiB: a large exporter (kube-state-metrics) writes a few MB; a cut-off body is an error, not data. */
export const DEFAULT_MAX_BODY = 16 * 1024 * 1024;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export const metricsConfigSchema = z
  .strictObject({
    /** Name of a target in `targets:`; its url is the base and its headers the defaults. */
    target: z.string().min(1).optional(),
    /** Full URL, for a check without a target. */
    url: z.url({ protocol: /^https?$/ }).optional(),
    /** Joined to the base URL; `/metrics` when neither gives a path. */
    path: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** Metric names that must be exposed with at least one sample; those absent are `missing`. */
    require: z
      .array(z.string().regex(METRIC_NAME, "expected a Prometheus metric name such as http_requests_total"))
      .default([]),
    max_body: sizeSchema("16MB").default(DEFAULT_MAX_BODY),
    /** Accept any TLS certificate (self-signed, expired, wrong host). */
    insecure: z.boolean().default(false),
  })
  .refine((config) => (config.target === undefined) !== (config.url === undefined), {
    message: "give exactly one of target or url",
  });

export type MetricsConfig = z.output<typeof metricsConfigSchema>;
