import { escapeHtml as h } from "./html/escape.js";
import { htmlPage } from "./html/page.js";
import { eventsCard, rolloutBanner, standingCard, timelineCard } from "./html/rollout-blocks.js";
import type { RolloutView } from "./rollout-view.js";

/**
 * A rollout's HTML report: one self-contained page (inline CSS and SVG, no script, no network)
 * with where it stands, the timeline chart the dashboard shows, each rollback's breach-to-safe
 * time and every event. What `gonogo rollout status --format html` writes and
 * `GET /api/v1/rollouts/:name?format=html` answers.
 */
export function renderRolloutHtml(view: RolloutView, options: { generatedAt?: Date } = {}): string {
  const generatedAt = options.generatedAt ?? new Date();
  const body = [rolloutBanner(view), standingCard(view, generatedAt), timelineCard(view), eventsCard(view)];
  return htmlPage({
    title: `${view.status}: rollout ${view.name}`,
    blocks: body,
    footer: [`rollout ${h(view.name)}`, `revision ${h(view.revision)}`, h(generatedAt.toISOString())],
  });
}
