import { z } from "zod";

export const fileConfigSchema = z.strictObject({
  /** A target whose `path` is the directory to look in; gonogo.yml's folder when left out. */
  target: z.string().min(1).optional(),
  /** A path or glob (`k8s/*.yaml`, `docs/**\/*.md`) relative to that directory. */
  path: z.string().min(1),
});

export type FileConfig = z.output<typeof fileConfigSchema>;
