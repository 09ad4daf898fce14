import { z } from "zod";

export const dockerfileConfigSchema = z.strictObject({
  /** A target whose `path` is the directory holding the Dockerfile; gonogo.yml's folder when left out. */
  target: z.string().min(1).optional(),
  /** The Dockerfile, relative to that directory. */
  path: z.string().min(1).default("Dockerfile"),
});

export type DockerfileConfig = z.output<typeof dockerfileConfigSchema>;
