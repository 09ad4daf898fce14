import { z } from "zod";
import { TAIL_BYTES } from "../shared/process/run-command.js";
import { sizeSchema } from "../shared/size-schema.js";

/** Each of stdout, stderr and output is kept in memory up to this; more is a log file's job. */
const MAX_OUTPUT_LIMIT = 64 * 1024 * 1024;

/** YAML turns `PORT: 8080` into a number; an environment only holds strings. */
const envValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const commandConfigSchema = z
  .strictObject({
    /** A shell command line, run with `<shell> -c`. */
    run: z.string().trim().min(1).optional(),
    /** An executable and its arguments, run without a shell. */
    argv: z.array(z.string()).min(1).optional(),
    /** A target name (its `path`) or a directory relative to the checklist's folder. */
    cwd: z.string().min(1).optional(),
    /** Added to (and overriding) gonogo's own environment. */
    env: z.record(z.string(), envValue).optional(),
    /** For `run`: true (the default) for /bin/sh, or the path of another shell such as /bin/bash. */
    shell: z.union([z.boolean(), z.string().min(1)]).optional(),
    /** How much of each output is kept (its end); an absence judged on a cut output is an error. */
    max_output: sizeSchema("64KiB or 1MiB", MAX_OUTPUT_LIMIT).default(TAIL_BYTES),
  })
  .refine((config) => (config.run === undefined) !== (config.argv === undefined), {
    message: "give exactly one of `run` (a shell command line) or `argv` (a list, no shell)",
  })
  .refine((config) => config.run === undefined || config.shell !== false, {
    message: "`run` is a shell command line; use `argv: [...]` to run without a shell",
    path: ["shell"],
  })
  .refine((config) => config.argv === undefined || config.shell === undefined, {
    message: '`argv` runs without a shell; use `run: "..."` for a shell command line',
    path: ["shell"],
  });

export type CommandConfig = z.output<typeof commandConfigSchema>;

/** The command as a person would type it, for messages and evidence. */
export function describeCommand(config: CommandConfig): string {
  return config.run ?? (config.argv ?? []).map(quoteForDisplay).join(" ");
}

function quoteForDisplay(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
