import { formatQuantity } from "../../core/format-quantity.js";
import type { ObservableRef, Quantity } from "../../core/observation.js";
import { parseExposition } from "../shared/prometheus/exposition/parse-exposition.js";
import type { ExpositionFormat } from "../shared/prometheus/exposition/types.js";
import type { FetchedBody } from "../shared/prometheus/fetch-body.js";
import type { ProbeResult } from "../types.js";
import type { MetricsConfig } from "./config.js";
import { observeExposition } from "./observe-exposition.js";

export interface Scrape {
  reply: FetchedBody;
  latency: Quantity;
  /** `GET http://api:8080/metrics`, password masked: the head of every error message. */
  where: string;
  evidence: Record<string, unknown>;
}

/** Judges nothing: turns a fetched /metrics body into observations, or an error saying why it cannot. */
export function observeScrape(
  scrape: Scrape,
  config: MetricsConfig,
  requested: ObservableRef[],
): ProbeResult {
  const { reply, latency, where } = scrape;
  const format: ExpositionFormat = /application\/openmetrics-text/i.test(reply.contentType)
    ? "openmetrics"
    : "text";
  const evidence = { ...scrape.evidence, status: reply.status, contentType: reply.contentType, format };
  const fail = (cause: string): ProbeResult => ({
    observations: { latency },
    evidence,
    error: `${where}: ${cause}`,
  });
  if (reply.status !== 200) return fail(`HTTP ${reply.status} (expected 200)`);
  if (reply.truncated) {
    const cap = formatQuantity({ value: config.max_body, unit: "B" });
    return fail(`body larger than max_body (${cap}): raise max_body`);
  }
  const parsed = parseExposition(reply.body.toString("utf8"), format);
  if (!parsed.ok) {
    const as = format === "openmetrics" ? " (OpenMetrics, as its Content-Type says)" : "";
    return fail(`not Prometheus exposition format${as}: line ${parsed.error.line}: ${parsed.error.message}`);
  }
  const seen = observeExposition(parsed.exposition, config.require, requested);
  const errors = [...seen.errors];
  if (config.require.length === 0 && requested.some((ref) => ref.name === "missing")) {
    errors.unshift("missing needs the metric names to look for: add require: [...] to the metrics block");
  }
  const samples = [...parsed.exposition.families.values()].reduce((n, f) => n + f.samples.length, 0);
  const result: ProbeResult = {
    observations: { latency, ...seen.observations },
    evidence: {
      ...evidence,
      families: parsed.exposition.families.size,
      samples,
      ...(Object.keys(seen.missing).length > 0 && { missing: seen.missing }),
      ...(Object.keys(seen.absent).length > 0 && { absent: seen.absent }),
    },
  };
  return errors.length > 0 ? { ...result, error: `${where}: ${errors.join("; ")}` } : result;
}
