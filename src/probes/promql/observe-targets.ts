import { z } from "zod";
import { redactUrl } from "../shared/redact-url.js";
import { PrometheusApiError } from "./prometheus-api.js";
import type { SourceResult } from "./source.js";

const targetsSchema = z.object({
  activeTargets: z.array(
    z.object({
      labels: z.record(z.string(), z.string()),
      scrapePool: z.string().optional(),
      scrapeUrl: z.string().optional(),
      health: z.string(),
      lastError: z.string().optional(),
    }),
  ),
});

const SHOWN = 50;

/**
 * `targets_up` (a count) and `targets_down` (`job/instance` of each target not up, including
 * those not scraped yet) from /api/v1/targets, for one job when `job` is given. With no target
 * at all both are null: nothing scraped is no evidence that everything is up.
 */
export function observeTargets(data: unknown, job: string | undefined): SourceResult {
  const parsed = targetsSchema.safeParse(data);
  if (!parsed.success) throw new PrometheusApiError("/api/v1/targets: the answer is not a list of targets");
  const all = parsed.data.activeTargets;
  const targets = job === undefined ? all : all.filter((t) => t.labels.job === job);
  if (targets.length === 0) {
    const jobs = [...new Set(all.map((t) => t.labels.job))].join(", ") || "none";
    const why =
      job === undefined
        ? "Prometheus has no active scrape targets"
        : `no active scrape target has job="${job}" (jobs: ${jobs})`;
    return {
      observations: { targets_up: null, targets_down: null },
      absent: { targets_up: why, targets_down: why },
    };
  }
  const down = targets.filter((t) => t.health !== "up");
  return {
    observations: {
      targets_up: targets.length - down.length,
      targets_down: down.map((t) => `${t.labels.job ?? t.scrapePool ?? "?"}/${t.labels.instance ?? "?"}`),
    },
    evidence: {
      targets: targets.slice(0, SHOWN).map((t) => ({
        job: t.labels.job,
        instance: t.labels.instance,
        health: t.health,
        ...(t.scrapeUrl !== undefined && { scrapeUrl: redactUrl(t.scrapeUrl) }),
        ...(t.lastError && { lastError: t.lastError }),
      })),
    },
  };
}
