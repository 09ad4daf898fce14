import { COLOURS } from "../../report/html/charts.js";
import { html, type SafeHtml } from "./html.js";

/**
 * A word-sized chart of verified % over a service's runs (oldest first): a line from 0 to 100 %,
 * the last point green for GO, red for NO-GO. Empty with fewer than one point.
 */
export function sparkline(points: { verifiedPct: number; verdict: "GO" | "NO-GO" }[]): SafeHtml {
  if (points.length === 0) return html`<span class="muted">no runs</span>`;
  const width = 120;
  const height = 24;
  const step = points.length === 1 ? 0 : (width - 4) / (points.length - 1);
  const xy = points.map((p, i) => {
    const y = height - 2 - (Math.max(0, Math.min(100, p.verifiedPct)) / 100) * (height - 4);
    return { x: 2 + i * step, y };
  });
  const path = xy.map(({ x, y }) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
  const last = xy.at(-1) ?? { x: 2, y: height - 2 };
  const lastPoint = points.at(-1);
  const colour = lastPoint?.verdict === "GO" ? COLOURS.go : COLOURS.nogo;
  const label = `verified % over the last ${points.length} runs: ${points.map((p) => p.verifiedPct.toFixed(0)).join(", ")}`;
  return html`<svg class="spark" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}"><title>${label}</title><polyline fill="none" stroke="${COLOURS.verified}" stroke-width="1.5" points="${path}"/><circle cx="${last.x.toFixed(1)}" cy="${last.y.toFixed(1)}" r="2.5" fill="${colour}"/></svg>`;
}
