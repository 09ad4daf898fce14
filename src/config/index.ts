export { configJsonSchema } from "./json-schema.js";
export { type CheckDefinition, type LoadedConfig, loadConfig } from "./load-config.js";
export type { Gates, RawConfig, Waiver } from "./schema.js";
