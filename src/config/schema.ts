import { z } from "zod";
import { durationSchema } from "./duration-schema.js";
import { rolloutSchema } from "./rollout-schema.js";

export { durationSchema };

/** A number as a user would write it: `80` for 80.00000000000001. */
const plain = (n: number) => String(Number(n.toPrecision(12)));

/**
 * Why a gate's value is not a percentage. A bare number is refused, not guessed: `0.8` could mean
 * 80% or 0.8%, and reading it either way has passed a launch that should not have passed.
 */
function percentProblem(value: string | number): string | null {
  if (typeof value === "number") {
    const meant = value > 0 && value <= 1 ? plain(value * 100) : plain(value);
    return value >= 0 && value <= 100
      ? `a bare number is not a percentage: write ${meant}% (with the % sign)`
      : `expected a percentage from 0% to 100%, such as 85%, got ${value}`;
  }
  const match = /^(\d+(?:\.\d+)?)\s*%$/.exec(value.trim());
  if (!match) return `expected a percentage such as 85%, got ${JSON.stringify(value)}`;
  if (Number(match[1]) > 100)
    return `${value.trim()} is more than 100%: a gate asks for a share of the items, at most 100%`;
  return null;
}

/** `85%`: a share from 0% to 100%, always written with `%`. */
export const percentSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const problem = percentProblem(value);
  if (problem !== null) {
    ctx.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  }
  return Number(String(value).trim().replace(/\s*%$/, ""));
});

const itemSpec = z.string().min(1, "an item binding cannot be empty");

export const targetSchema = z.strictObject({
  url: z.string().optional(),
  path: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

/** The keys every check has besides its one probe key. */
export const CHECK_COMMON_KEYS = ["item", "expect", "retries", "description"] as const;

export const checkCommonSchema = z.object({
  item: z.union([itemSpec, z.array(itemSpec).min(1)]),
  expect: z
    .array(z.string())
    .min(1, "a check needs at least one expectation: nothing passes without evidence"),
  retries: z.int().min(0).max(10).optional(),
  description: z.string().optional(),
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date written YYYY-MM-DD")
  // Date.parse rolls 2027-02-30 over to March: a real date survives the round trip.
  .refine((text) => new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), "not a real date");

export const waiverSchema = z.strictObject({
  item: itemSpec,
  reason: z.string().trim().min(1, "a waiver says why the item does not apply"),
  by: z.string().trim().min(1, "a waiver names who approves it"),
  until: isoDate,
});

export const gatesSchema = z.strictObject({
  overall: percentSchema.optional(),
  sections: z.record(z.string(), percentSchema).optional(),
  critical: z.array(itemSpec).optional(),
  require: z.enum(["claims", "evidence"]).optional(),
  /** A readiness level: every item tagged `level:B` (and, on a cumulative ladder, the rungs before B). */
  level: z
    .union([z.string().min(1), z.number()])
    .transform((value) => String(value).trim())
    .optional(),
  /** Tag -> share of its items that must be ready: `{ "priority:critical": 100%, "priority:should": 80% }`. */
  tags: z.record(z.string(), percentSchema).optional(),
  /** Section -> the roles whose valid sign-off it needs: `{ "Security": ["Security Lead"] }`. */
  signoffs: z.record(z.string(), z.array(z.string().min(1)).min(1)).optional(),
});

/**
 * gonogo.yml, version 1 (README.md, "`gonogo verify` and gonogo.yml"). Probe blocks are validated
 * by each probe's own schema once the check's probe key is known (see load-config.ts); here a
 * check is its common keys plus exactly one probe key.
 */
export const configSchema = z.strictObject({
  version: z.literal(1, "gonogo.yml needs `version: 1`"),
  targets: z.record(z.string(), targetSchema).default({}),
  defaults: z
    .strictObject({
      timeout: durationSchema.default(5000),
      retries: z.int().min(0).max(10).default(0),
      concurrency: z.int().min(1).max(64).default(8),
    })
    .default({ timeout: 5000, retries: 0, concurrency: 8 }),
  checks: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  manual: z.array(itemSpec).default([]),
  waivers: z.array(waiverSchema).default([]),
  /** Tags given to items from here, beside those the document writes: `{ "priority:critical": [ "/backup/" ] }`. */
  tags: z.record(z.string(), z.array(itemSpec)).default({}),
  gates: gatesSchema.default({}),
  /** A staged rollout driven by `gonogo rollout` and answered to Argo Rollouts and Flagger. */
  rollout: rolloutSchema.optional(),
});

export type RawConfig = z.output<typeof configSchema>;
export type Waiver = z.output<typeof waiverSchema>;
export type Gates = z.output<typeof gatesSchema>;
