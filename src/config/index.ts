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
export {
  GATE_DEFAULTS,
  type ReadBack,
  type RolloutAction,
  type RolloutConfig,
  type RolloutPhase,
} from "./rollout-schema.js";
export type { Gates, RawConfig, Waiver } from "./schema.js";
export type { TargetOverrides } from "./target-overrides.js";
export { createYamlSourceCache, type YamlSourceParser } from "./yaml-cache.js";
