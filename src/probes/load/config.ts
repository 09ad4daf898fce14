import { z } from "zod";
import {
  durationField,
  insecureField,
  requestFields,
  responseCheckSchema,
  targetField,
} from "../shared/traffic/config-fields.js";

/** Above these a run needs `allow_large: true`: a typo must not become a denial-of-service. */
export const LOAD_CAPS = {
  vus: 1000,
  rate: 50_000,
  durationMs: 30 * 60_000,
  connections: 1000,
  inFlight: 10_000,
} as const;

const routeSchema = z.strictObject({
  ...requestFields,
  /** How the route is named in `routes.<name>.*`; defaults to `route<N>` (1-based). */
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, "a route name is letters, digits, _ and -")
    .optional(),
  /** Relative share of the traffic. */
  weight: z.number().positive().default(1),
});

export type LoadRoute = z.output<typeof routeSchema>;

export const loadConfigSchema = z
  .strictObject({
    target: targetField,
    ...requestFields,
    /** Several routes with weights instead of one `path`/`method`/`body`. */
    mix: z.array(routeSchema).min(1).optional(),
    /** Closed model: this many virtual users, each sending its next request when the last ends. */
    vus: z.number().int().positive().optional(),
    /** Closed model: time over which the users start, one after another. */
    ramp_up: durationField({ allowZero: true }).default(0),
    /** Open model: requests started per second, whatever the server does. */
    rate: z.number().positive().optional(),
    /** Open model: at most this many requests outstanding; a request due beyond it waits and, if still unsent at the end, is `dropped`. */
    max_in_flight: z.number().int().positive().optional(),
    duration: durationField(),
    /** Traffic before the measurement, left out of every figure. */
    warmup: durationField({ allowZero: true }).default(2000),
    /** A request unanswered by then is an error of kind `timeout`. */
    request_timeout: durationField().default(10_000),
    /** Connections to the target (default: vus, or enough for the rate). */
    connections: z.number().int().positive().optional(),
    check: responseCheckSchema.optional(),
    insecure: insecureField,
    /** Lifts the safety caps (1,000 VUs, 50,000 req/s, 30 minutes). */
    allow_large: z.boolean().default(false),
    /** A live line on stderr (a terminal only) during runs of 5s or more. */
    progress: z.boolean().default(true),
  })
  .refine((c) => (c.vus === undefined) !== (c.rate === undefined), {
    message: "give vus (closed model) or rate (open model), exactly one",
  })
  .refine((c) => c.body === undefined || c.json === undefined, { message: "give body or json, not both" })
  .refine((c) => c.allow_large || (c.vus ?? 0) <= LOAD_CAPS.vus, {
    message: `more than ${LOAD_CAPS.vus} vus needs allow_large: true`,
    path: ["vus"],
  })
  .refine((c) => c.allow_large || (c.rate ?? 0) <= LOAD_CAPS.rate, {
    message: `a rate above ${LOAD_CAPS.rate}/s needs allow_large: true`,
    path: ["rate"],
  })
  .refine((c) => c.allow_large || c.duration + c.warmup <= LOAD_CAPS.durationMs, {
    message: "a run longer than 30m (warmup + duration) needs allow_large: true",
    path: ["duration"],
  })
  .refine((c) => c.allow_large || (c.connections ?? 0) <= LOAD_CAPS.connections, {
    message: `more than ${LOAD_CAPS.connections} connections needs allow_large: true`,
    path: ["connections"],
  })
  .refine((c) => c.allow_large || (c.max_in_flight ?? 0) <= LOAD_CAPS.inFlight, {
    message: `max_in_flight above ${LOAD_CAPS.inFlight} needs allow_large: true`,
    path: ["max_in_flight"],
  })
  .refine((c) => c.ramp_up === undefined || c.ramp_up <= c.duration, {
    message: "ramp_up longer than duration: some users would never start",
    path: ["ramp_up"],
  });

export type LoadConfig = z.output<typeof loadConfigSchema>;

/** The time a run commits to: warm-up, duration, and the wait for the last answers. */
export function loadBudgetMs(config: LoadConfig): number {
  return config.warmup + config.duration + config.request_timeout;
}
