import { z } from "zod";

/** A query parameter as YAML writes it; dates and the like are written as text. */
const paramSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const sqlConfigSchema = z
  .strictObject({
    /** A target whose `url` names the database: postgres://, mysql://, mariadb://, sqlite: or a file path. */
    target: z.string().min(1),
    /** One statement; placeholders are the database's own: `$1` for Postgres, `?` for MySQL and SQLite. */
    query: z.string().trim().min(1).optional(),
    /** Values for the placeholders, in order; never spliced into the text. */
    params: z.array(paramSchema).default([]),
    /** false runs the query in a read-write transaction; it is still rolled back. */
    read_only: z.boolean().default(true),
  })
  .refine((config) => config.query !== undefined || config.params.length === 0, {
    message: "`params` needs a `query`",
    path: ["params"],
  });

export type SqlConfig = z.output<typeof sqlConfigSchema>;
export type SqlParam = z.output<typeof paramSchema>;
