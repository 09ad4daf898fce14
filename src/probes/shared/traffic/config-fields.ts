import { z } from "zod";
import { parseDuration } from "../../../core/units.js";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** `3m`, `500ms`, `0s` (durations as the expectation language writes them) -> milliseconds. */
export function durationField(options: { allowZero?: boolean } = {}) {
  return z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null || ms < 0 || (ms === 0 && !options.allowZero)) {
      ctx.addIssue({
        code: "custom",
        message: `expected a duration such as 500ms, 30s or 3m, got "${text}"`,
      });
      return z.NEVER;
    }
    return ms;
  });
}

export const methodField = z
  .string()
  .transform((method) => method.toUpperCase())
  .pipe(z.enum(METHODS));

/** What one request of a run looks like; `target` and the base URL come from the probe's block. */
export const requestFields = {
  path: z.string().optional(),
  /** Defaults to GET, or POST when a body or json is given. */
  method: methodField.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  json: z.json().optional(),
};

/** A check on every response; one that does not hold counts as an error of kind `check` (or its status class). */
export const responseCheckSchema = z.strictObject({
  /** Accepted status codes; by default any status below 400. */
  status: z.union([z.number().int(), z.array(z.number().int()).min(1)]).optional(),
  /** Text the body must contain (the body is then read in full, which costs the generator some CPU). */
  body_contains: z.string().min(1).optional(),
});

export type ResponseCheck = z.output<typeof responseCheckSchema>;

/** Where the traffic goes: a target named under `targets:` (never a guess). */
export const targetField = z.string().min(1);

/** Accept any TLS certificate, as the http probe's `insecure`. */
export const insecureField = z.boolean().default(false);
