import { z } from "zod";
import { sizeSchema } from "../shared/size-schema.js";

/** `content` holds at most this much of the matched files, in total, unless `max_content` says otherwise. */
export const DEFAULT_MAX_CONTENT = 1024 * 1024;
/** Content is one string in memory, and V8 strings stop near 512 MiB. */
const MAX_CONTENT_LIMIT = 256 * 1024 * 1024;

export const fileConfigSchema = z.strictObject({
  /** A target whose `path` is the directory to look in; gonogo.yml's folder when left out. */
  target: z.string().min(1).optional(),
  /** A path or glob (`k8s/*.yaml`, `docs/**\/*.md`) relative to that directory. */
  path: z.string().min(1),
  /** How much of the matched files `content` reads, in all; an absence judged past it is an error. */
  max_content: sizeSchema("1MiB or 16MB", MAX_CONTENT_LIMIT).default(DEFAULT_MAX_CONTENT),
});

export type FileConfig = z.output<typeof fileConfigSchema>;
