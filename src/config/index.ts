export { configJsonSchema } from "./json-schema.js";
export {
  type CheckDefinition,
  type ConfigInputs,
  decodeConfigText,
  type LoadedConfig,
  loadConfig,
  parseConfig,
  readConfigBytes,
} from "./load-config.js";
export type { Gates, RawConfig, Waiver } from "./schema.js";
export type { TargetOverrides } from "./target-overrides.js";
