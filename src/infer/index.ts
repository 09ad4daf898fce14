export { DEFAULT_TARGETS, parseTargetOptions, type TargetValues } from "./default-targets.js";
export { type ExplainEntry, explainJson, explainText } from "./explain.js";
export { inferChecks, inferItem } from "./infer-checks.js";
export { collectFacts, itemFacts } from "./item-facts.js";
export { mergeConfig } from "./merge-config.js";
export { countProposals, renderConfig } from "./render-config.js";
export { RULES } from "./rules/index.js";
export { codeSpans, itemSource } from "./source-spans.js";
export type { ItemFacts, ItemInference, Proposal, Rule } from "./types.js";
