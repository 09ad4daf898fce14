import { z } from "zod";
import { PrometheusApiError } from "./prometheus-api.js";
import type { SourceResult } from "./source.js";

const alertsSchema = z.object({
  alerts: z.array(
    z.object({
      labels: z.record(z.string(), z.string()),
      state: z.string(),
      activeAt: z.string().optional(),
      value: z.string().optional(),
    }),
  ),
});

const SHOWN = 20;

/** `firing` and `pending`: the names of the active alerts in the answer of /api/v1/alerts, sorted. */
export function observeAlerts(data: unknown): SourceResult {
  const parsed = alertsSchema.safeParse(data);
  if (!parsed.success) throw new PrometheusApiError("/api/v1/alerts: the answer is not a list of alerts");
  const { alerts } = parsed.data;
  const named = (state: string) =>
    [
      ...new Set(alerts.filter((a) => a.state === state).map((a) => a.labels.alertname ?? "(no alertname)")),
    ].sort();
  return {
    observations: { firing: named("firing"), pending: named("pending") },
    evidence: { alerts: alerts.slice(0, SHOWN) },
  };
}
