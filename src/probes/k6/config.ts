import { z } from "zod";

export const k6ConfigSchema = z
  .strictObject({
    /** A target whose `path` is the directory holding the summary or script; gonogo.yml's folder when left out. */
    target: z.string().min(1).optional(),
    /** A JSON summary k6 wrote (`--summary-export`, or `JSON.stringify(data)` from handleSummary). */
    summary: z.string().min(1).optional(),
    /** A k6 script to run with `k6 run --summary-export <tmp> [args] <script>`. */
    script: z.string().min(1).optional(),
    /** Extra `k6 run` arguments, before the script: `["--vus", "20", "-e", "BASE_URL=https://staging"]`. */
    args: z.array(z.string()).optional(),
    /** The k6 executable: a name on PATH (default `k6`) or a path relative to the directory (an xk6 build). */
    binary: z.string().min(1).optional(),
  })
  .refine((config) => (config.summary === undefined) !== (config.script === undefined), {
    message: "give exactly one of `summary` (a k6 summary JSON to read) or `script` (a k6 script to run)",
  })
  .refine(
    (config) => config.script !== undefined || (config.args === undefined && config.binary === undefined),
    {
      message: "`args` and `binary` are for running a `script`",
    },
  )
  .refine((config) => !config.args?.some((arg) => arg.startsWith("--summary-export")), {
    message: "gonogo passes --summary-export itself; leave it out of `args`",
    path: ["args"],
  });

export type K6Config = z.output<typeof k6ConfigSchema>;
