import { z } from "zod";

export const tlsConfigSchema = z
  .strictObject({
    /** Name of a target in `targets:`; host and port come from its url (port 443 when it has none). */
    target: z.string().min(1).optional(),
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65_535).optional(),
    /** Name sent as SNI and checked against the certificate; defaults to the host. */
    servername: z.string().min(1).optional(),
    /** PEM file of the CA(s) to verify against instead of the system roots, relative to the checklist. */
    ca: z.string().min(1).optional(),
  })
  .refine((config) => (config.target === undefined) !== (config.host === undefined), {
    message: "give exactly one of target or host",
  });

export type TlsConfig = z.output<typeof tlsConfigSchema>;
