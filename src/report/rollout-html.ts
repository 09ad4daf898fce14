import { TOOL } from "../core/version.js";
import { escapeHtml as h } from "./html/escape.js";
import { eventsCard, rolloutBanner, standingCard, timelineCard } from "./html/rollout-blocks.js";
import { STYLES } from "./html/styles.js";
import type { RolloutView } from "./rollout-view.js";

// As the run report: nothing may leave the page, no script, no fetch.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * A rollout's HTML report: one self-contained page (inline CSS and SVG, no script, no network)
 * with where it stands, the timeline chart the dashboard shows, each rollback's breach-to-safe
 * time and every event. What `gonogo rollout status --format html` writes and
 * `GET /api/v1/rollouts/:name?format=html` answers.
 */
export function renderRolloutHtml(view: RolloutView, options: { generatedAt?: Date } = {}): string {
  const generatedAt = options.generatedAt ?? new Date();
  const tool = `${TOOL.name} ${TOOL.version}`;
  const body = [rolloutBanner(view), standingCard(view, generatedAt), timelineCard(view), eventsCard(view)];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${h(tool)}">
<title>${h(`${view.status}: rollout ${view.name}`)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
${body.filter((block) => block !== "").join("\n")}
<footer>${h(tool)} · rollout ${h(view.name)} · revision ${h(view.revision)} · ${h(generatedAt.toISOString())}</footer>
</main>
</body>
</html>
`;
}
