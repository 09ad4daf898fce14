import { z } from "zod";
import { durationSchema } from "./duration-schema.js";

/**
 * gonogo.yml's `rollout:` block: the phases of a staged rollout, the gates each phase holds during
 * its soak, how traffic is set and read back, and how to roll back. `{{weight}}` in a traffic
 * action's URL, body or command is the weight being set (0-100); `${VAR}` is the environment, as
 * everywhere in gonogo.yml.
 */
const httpActionSchema = z.strictObject({
  url: z.string().min(1),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("POST"),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  timeout: durationSchema.default(5000),
});

const commandActionSchema = z.strictObject({
  run: z.string().min(1),
  timeout: durationSchema.default(30_000),
});

/** One call gonogo makes: an HTTP request or a shell command, exactly one of them. */
export const rolloutActionSchema = z.union([
  z.strictObject({ http: httpActionSchema }),
  z.strictObject({ command: commandActionSchema }),
]);

/**
 * How the weight really in force is read back: an HTTP GET whose JSON body holds it at `field`
 * (dotted path; absent: the body is the number), or a command printing it on stdout.
 */
export const readBackSchema = z.union([
  z.strictObject({ http: httpActionSchema.extend({ field: z.string().optional() }) }),
  z.strictObject({ command: commandActionSchema }),
]);

const weightSchema = z.number().min(0).max(100);

const onSourceErrorSchema = z.strictObject({
  /** How long a metric source may fail (inconclusive) before `then` applies. */
  holdFor: durationSchema.default(300_000),
  // biome-ignore lint/suspicious/noThenProperty: `then` is the key gonogo.yml users write (DESIGN.md), never awaited.
  then: z.enum(["fail", "hold"]).default("fail"),
});

/** What every gate does unless it says otherwise. */
const gateSettingsShape = {
  interval: durationSchema.optional(),
  minSamples: z.int().min(1).optional(),
  consecutivePasses: z.int().min(1).optional(),
  failureLimit: z.int().min(1).optional(),
  /** No data is never a pass: `hold` (default) waits, `fail` fails, `pass` only for count guards. */
  onNoData: z.enum(["hold", "fail", "pass"]).optional(),
  onSourceError: onSourceErrorSchema.optional(),
};

export const GATE_DEFAULTS = {
  interval: 10_000,
  minSamples: 3,
  consecutivePasses: 3,
  failureLimit: 1,
  onNoData: "hold",
  // biome-ignore lint/suspicious/noThenProperty: the default of the `then` key users write.
  onSourceError: { holdFor: 300_000, then: "fail" },
} as const;

/**
 * Optional baseline comparison: the gate also fails when its check's `observable` exceeds that of
 * the `baseline` check (the stable version, measured the same way) times `maxRatio`, plus `tolerance`.
 */
const baselineSchema = z.strictObject({
  check: z.string().min(1),
  observable: z.string().min(1).default("value"),
  maxRatio: z.number().positive().default(1.5),
  tolerance: z.number().min(0).default(0),
});

const gateSchema = z.strictObject({
  /** A check id under `checks:` (any probe): its expectations are the gate's. */
  check: z.string().min(1),
  /** A critical gate fails the phase at its first failure, whatever `failureLimit` says. */
  critical: z.boolean().default(false),
  baseline: baselineSchema.optional(),
  ...gateSettingsShape,
});

const phaseSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, '.', '_' and '-' (it is part of URLs)"),
  weight: weightSchema,
  soak: durationSchema,
  gates: z
    .array(
      z.union([
        z
          .string()
          .min(1)
          .transform((check) => ({ check, critical: false })),
        gateSchema,
      ]),
    )
    .default([]),
});

export const rolloutSchema = z.strictObject({
  /** The rollout's name (URLs, the store); default: the folder of gonogo.yml. */
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "letters, digits, '.', '_' and '-' only")
    .optional(),
  defaults: z.strictObject(gateSettingsShape).default({}),
  phases: z.array(phaseSchema).min(1, "a rollout needs at least one phase"),
  traffic: z.strictObject({
    set: rolloutActionSchema,
    read: readBackSchema,
    /** The weight a rollback returns to (default 0: all traffic on the stable version). */
    safeWeight: weightSchema.default(0),
    /** How many times a set whose read-back disagrees is tried again before the rollout holds. */
    retries: z.int().min(0).max(20).default(3),
  }),
  rollback: z
    .strictObject({
      retries: z.int().min(0).max(20).default(3),
      backoff: durationSchema.default(1000),
      /** Called when the safe weight cannot be read back after every retry (a page, a ticket). */
      escalate: rolloutActionSchema.optional(),
    })
    .default({ retries: 3, backoff: 1000 }),
});

export type RolloutConfig = z.output<typeof rolloutSchema>;
export type RolloutAction = z.output<typeof rolloutActionSchema>;
export type ReadBack = z.output<typeof readBackSchema>;
export type RolloutPhase = z.output<typeof phaseSchema>;
