import type { Probe } from "../types.js";
import { type FileConfig, fileConfigSchema } from "./config.js";

const fileProbe: Probe<FileConfig> = {
  name: "file",
  targetNeeds: "path",
  configSchema: fileConfigSchema,
  observables: {
    exists: { kind: "boolean", description: "at least one file or directory matches the path or glob" },
    count: { kind: "number", description: "number of matches" },
    files: {
      kind: "list",
      description: "matched paths relative to the target directory (directories end in /)",
    },
    size: { kind: "size", description: "total bytes of the matched files; null when no file matches" },
    content: {
      kind: "string",
      description:
        "content of the matched files, one after another, up to max_content (1 MiB); null when no file matches",
    },
  },
  loadRunner: () => import("./runner.js"),
};

export default fileProbe;
