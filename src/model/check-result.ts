import { z } from "zod";
import type { ObjectMaker } from "./object-kind.js";
import { checkStatusSchema, quantityUnitSchema, spelledNumberSchema } from "./vocabulary.js";

/** A check's evidence in the report: what the probe observed and how each expectation fared. */
export function defineCheckResult<C extends z.core.$ZodObjectConfig>(object: ObjectMaker<C>) {
  const quantity = object({ value: spelledNumberSchema, unit: quantityUnitSchema }).describe(
    "a duration (ms) or size (B)",
  );
  // A number that is not finite is spelled as a string, so a plain string covers it here.
  const observed = z.union([z.number(), z.string(), z.boolean(), z.array(z.string()), quantity, z.null()]);
  const expectation = object({
    expr: z.string().describe("the expectation as written: p95 < 300ms"),
    ok: z.boolean(),
    actual: z.string().describe("what was observed, with its unit: 241ms"),
    error: z.string().optional().describe("why it could not be judged"),
  });
  return object({
    id: z.string().describe("the check's id in gonogo.yml"),
    probe: z.string(),
    status: checkStatusSchema,
    durationMs: z.number(),
    observations: z.record(z.string(), observed),
    expectations: z.array(expectation),
    error: z.string().optional(),
    evidence: z.record(z.string(), z.unknown()).optional().describe("the probe's own evidence"),
    attempts: z.int().min(1).optional(),
  });
}
