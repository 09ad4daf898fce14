import type { ObservableSpec } from "../../core/observation.js";

/**
 * What the probe reports, by the name expectations use. The kind lets the config loader refuse
 * `size < 300` (a size wants a unit) before anything runs.
 */
export const templateObservables: Record<string, ObservableSpec> = {
  lines: {
    kind: "number",
    description: "number of lines in the file (a last line without a newline counts)",
  },
  size: { kind: "size", description: "size of the file" },
  first_line: { kind: "string", description: "the file's first line, without its newline" },
};
