import { z } from "zod";

/**
 * The probe's block in gonogo.yml: `template: { target: repo, path: CHANGELOG.md }`. Strict, so a
 * mistyped key is a config error (exit 2) that names it; the config loader takes `timeout:` out
 * before this schema sees the block.
 */
export const templateConfigSchema = z.strictObject({
  /** A target whose `path` is the directory to read in; gonogo.yml's folder when left out. */
  target: z.string().min(1).optional(),
  /** The text file to read, relative to that directory. */
  path: z.string().min(1),
});

export type TemplateConfig = z.output<typeof templateConfigSchema>;
