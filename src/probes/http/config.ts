import { z } from "zod";
import { sizeSchema } from "../shared/size-schema.js";

/** 1 MiB. Sizes follow the expectation language: KB MB GB are powers of 1000, KiB MiB GiB of 1024. */
export const DEFAULT_MAX_BODY = 1024 * 1024;

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

const methodSchema = z
  .string()
  .transform((method) => method.toUpperCase())
  .pipe(z.enum(METHODS));

export const httpConfigSchema = z
  .strictObject({
    /** Name of a target in `targets:`; its url is the base and its headers the defaults. */
    target: z.string().min(1).optional(),
    /** Full URL, for a check without a target. */
    url: z.url({ protocol: /^https?$/ }).optional(),
    path: z.string().optional(),
    /** Defaults to GET, or POST when a body or json is given (as curl does). */
    method: methodSchema.optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().optional(),
    json: z.json().optional(),
    follow_redirects: z.boolean().default(false),
    max_body: sizeSchema("64KB or 1MB").default(DEFAULT_MAX_BODY),
    /** Accept any TLS certificate (self-signed, expired, wrong host). */
    insecure: z.boolean().default(false),
  })
  .refine((config) => (config.target === undefined) !== (config.url === undefined), {
    message: "give exactly one of target or url",
  })
  .refine((config) => config.body === undefined || config.json === undefined, {
    message: "give body or json, not both",
  });

export type HttpConfig = z.output<typeof httpConfigSchema>;
