import type { Rule } from "../types.js";
import { BUILD_RULES } from "./build-rules.js";
import { COMMAND_RULES } from "./command-rules.js";
import { FILE_RULES } from "./file-rules.js";
import { HISTOGRAM_RULES } from "./histogram-rules.js";
import { HTTP_RULES } from "./http-rules.js";
import { LOAD_RULES } from "./load-rules.js";
import { PROMETHEUS_RULES } from "./prometheus-rules.js";
import { RATE_LIMIT_RULES } from "./rate-limit-rules.js";
import { REDIS_RULES } from "./redis-rules.js";
import { SLO_RULES } from "./slo-rules.js";
import { SQL_RULES } from "./sql-rules.js";

export { FALLBACK_RULES } from "./fallback-rules.js";

/**
 * The inference rules, one row each: which words of an item lead to which probe and expectations.
 * To add one, append a row to its family's file (a new family: a new file, spread here) with real
 * item texts in `examples` (rules.test.ts runs each example and expects the row to fire). Targets
 * are the default names init writes: api, prom, db, cache, repo.
 * `examples` are Markdown: a bare text becomes `- [ ] text`; a snippet with a heading or list
 * gives context (the section title and parent item count); its last item, or the one marked
 * `<!--subject-->`, is the one the rule must fire on.
 *
 * The order is part of the behaviour: rules that propose the same block for one probe are merged
 * in this order (`health-endpoint+secrets-in-response`), and of equally confident rival blocks the
 * first one wins.
 */
export const RULES: readonly Rule[] = [
  ...HTTP_RULES,
  ...HISTOGRAM_RULES,
  ...LOAD_RULES,
  ...SLO_RULES,
  ...RATE_LIMIT_RULES,
  ...PROMETHEUS_RULES,
  ...SQL_RULES,
  ...REDIS_RULES,
  ...BUILD_RULES,
  ...COMMAND_RULES,
  ...FILE_RULES,
];
