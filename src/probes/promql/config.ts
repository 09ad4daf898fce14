import { z } from "zod";
import { parseDuration } from "../../core/units.js";

/** Prometheus refuses range queries of more points than this per series. */
export const MAX_POINTS = 11_000;

const durationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) {
    ctx.addIssue({
      code: "custom",
      message: `expected a duration such as 5m or 7d, got ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  }
  return ms;
});

export const promqlConfigSchema = z
  .strictObject({
    /** Name of a target in `targets:` (the Prometheus server); its url is the base and its headers the defaults. */
    target: z.string().min(1).optional(),
    /** Prometheus' base URL, for a check without a target; a path prefix (`/prometheus`) is kept. */
    url: z.url({ protocol: /^https?$/ }).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** Accept any TLS certificate (self-signed, expired, wrong host). */
    insecure: z.boolean().default(false),
    /** A PromQL expression: observed as `value`, `series`, `samples`, `avg`, `max`, `min`. */
    query: z.string().trim().min(1).optional(),
    /** Query the last `range` (a range query) instead of the present instant: `7d`. */
    range: durationSchema.optional(),
    /** Resolution of a range query; default: the finest Prometheus allows (range / 11,000, at least 1s). */
    step: durationSchema.optional(),
    /** What the query's values are; inferred from `_seconds` / `_bytes` metric names when not given. */
    unit: z.enum(["seconds", "bytes", "none"]).optional(),
    /** An alerting or recording rule: observed as `rule_loaded`, `rule_health`, `rule_state`, `rule_type`. */
    rule: z.string().min(1).optional(),
    /** Restricts `targets_up` / `targets_down` to the scrape targets of this job. */
    job: z.string().min(1).optional(),
  })
  .refine((config) => (config.target === undefined) !== (config.url === undefined), {
    message: "give exactly one of target or url",
  })
  .refine(
    (c) => c.query !== undefined || (c.range === undefined && c.step === undefined && c.unit === undefined),
    {
      message: "range, step and unit go with a query",
    },
  )
  .refine((config) => config.step === undefined || config.range !== undefined, {
    message: "step needs a range (an instant query has no steps)",
  })
  .refine((c) => c.range === undefined || c.step === undefined || c.range / c.step <= MAX_POINTS, {
    message: `range / step is more than ${MAX_POINTS.toLocaleString("en")} points, Prometheus' limit: raise step`,
    path: ["step"],
  });

export type PromqlConfig = z.output<typeof promqlConfigSchema>;

/** The step of a range query in ms: as configured, else the finest within Prometheus' limit. */
export function stepOf(config: PromqlConfig & { range: number }): number {
  return config.step ?? Math.max(1000, Math.ceil(config.range / MAX_POINTS / 1000) * 1000);
}
