import { z } from "zod";
import { durationField, insecureField, requestFields, targetField } from "../shared/traffic/config-fields.js";

/** Above this a burst needs `allow_large: true`. */
export const BURST_CAP = 10_000;

export const burstConfigSchema = z
  .strictObject({
    target: targetField,
    ...requestFields,
    /** How many requests the burst sends. */
    requests: z.number().int().positive(),
    /** Requests outstanding at once; request n is the n-th sent. */
    concurrency: z.number().int().positive().default(10),
    /** A request unanswered by then is an error of kind `timeout`. */
    request_timeout: durationField().default(10_000),
    insecure: insecureField,
    allow_large: z.boolean().default(false),
  })
  .refine((c) => c.body === undefined || c.json === undefined, { message: "give body or json, not both" })
  .refine((c) => c.allow_large || c.requests <= BURST_CAP, {
    message: `more than ${BURST_CAP} requests needs allow_large: true`,
    path: ["requests"],
  })
  .refine((c) => c.allow_large || c.concurrency <= 1000, {
    message: "a concurrency above 1000 needs allow_large: true",
    path: ["concurrency"],
  });

export type BurstConfig = z.output<typeof burstConfigSchema>;

/** Time a burst may take: every request timing out, `concurrency` at a time. */
export function burstBudgetMs(config: BurstConfig): number {
  return Math.ceil(config.requests / config.concurrency) * config.request_timeout;
}
