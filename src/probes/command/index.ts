import type { Probe } from "../types.js";
import { type CommandConfig, commandConfigSchema } from "./config.js";

const commandProbe: Probe<CommandConfig> = {
  name: "command",
  targetNeeds: "path",
  configSchema: commandConfigSchema,
  observables: {
    exit_code: { kind: "number", description: "exit status; null when the command was ended by a signal" },
    signal: {
      kind: "string",
      description: "the signal that ended the command (SIGTERM, SIGKILL ...); null if it exited",
    },
    stdout: { kind: "string", description: "standard output, its last max_output (64 KiB) when longer" },
    stderr: { kind: "string", description: "standard error, its last max_output (64 KiB) when longer" },
    output: {
      kind: "string",
      description: "stdout and stderr interleaved as they arrived, the last max_output (64 KiB) when longer",
    },
    duration: { kind: "duration", description: "time from start to exit" },
  },
  loadRunner: () => import("./runner.js"),
};

export default commandProbe;
