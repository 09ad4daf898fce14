import type { ProbeContext } from "../types.js";
import type { PromqlConfig } from "./config.js";
import { observeAlerts } from "./observe-alerts.js";
import { observeQuery } from "./observe-query.js";
import { observeRules } from "./observe-rules.js";
import { observeTargets } from "./observe-targets.js";
import { getApi, type PrometheusApi } from "./prometheus-api.js";
import { queryUnit } from "./query-unit.js";
import { runQuery } from "./run-query.js";
import type { Source, SourceResult } from "./source.js";

type Fetch = (api: PrometheusApi, config: PromqlConfig, ctx: ProbeContext) => Promise<SourceResult>;

/** How each source is asked and observed. */
export const FETCH_SOURCE: Record<Source, Fetch> = {
  async query(api, config, ctx) {
    const query = config.query ?? "";
    const answer = await runQuery(api, { ...config, query }, ctx.timeoutMs);
    return observeQuery(answer, queryUnit(query, config.unit), ctx.requested);
  },
  async rules(api, config) {
    return observeRules((await getApi(api, "rules")).data, config.rule ?? "");
  },
  async alerts(api) {
    return observeAlerts((await getApi(api, "alerts")).data);
  },
  async targets(api, config) {
    return observeTargets((await getApi(api, "targets", { state: "active" })).data, config.job);
  },
};
