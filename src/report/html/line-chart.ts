import { escapeHtml as h } from "./escape.js";

export interface ChartPoint {
  x: number;
  y: number;
  /** A colour for this point's marker instead of the series colour (a NO-GO run in red). */
  colour?: string;
  /** Tooltip text. */
  label?: string;
}

export interface ChartSeries {
  name: string;
  colour: string;
  points: ChartPoint[];
}

export interface LineChartOptions {
  title: string;
  series: ChartSeries[];
  /** The top of the y axis; a round number above the largest value by default. */
  yMax?: number;
  yUnit?: string;
  /** The x axis's labels at its two ends. */
  xLabels?: [string, string];
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 52, right: 16, top: 28, bottom: 34 };

/** 1, 2 or 5 times a power of ten, at least `max`: the top of an axis a reader can read. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function axisLabel(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * A small line chart as inline SVG (no script, no fonts fetched): one y axis from 0, four grid
 * lines, a polyline and point markers per series, a legend. Points are spread by their x values.
 */
export function renderLineChart(options: LineChartOptions): string {
  const all = options.series.flatMap((s) => s.points);
  if (all.length === 0) return "";
  const xs = all.map((p) => p.x);
  const xMin = Math.min(...xs);
  const xSpan = Math.max(...xs) - xMin || 1;
  const yMax = options.yMax ?? niceCeiling(Math.max(...all.map((p) => p.y)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const px = (x: number) => PAD.left + (all.length === 1 ? plotW / 2 : ((x - xMin) / xSpan) * plotW);
  const py = (y: number) => PAD.top + plotH - (Math.min(Math.max(y, 0), yMax) / yMax) * plotH;
  const unit = options.yUnit ? h(options.yUnit) : "";

  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = round(py(f * yMax));
    return `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y}" y2="${y}" class="grid"/><text x="${PAD.left - 6}" y="${y}" class="tick" text-anchor="end" dominant-baseline="middle">${axisLabel(f * yMax)}${unit}</text>`;
  });
  const lines = options.series.map((s) => {
    const points = s.points.map((p) => `${round(px(p.x))},${round(py(p.y))}`).join(" ");
    const markers = s.points.map(
      (p) =>
        `<circle cx="${round(px(p.x))}" cy="${round(py(p.y))}" r="3.5" fill="${h(p.colour ?? s.colour)}">${p.label ? `<title>${h(p.label)}</title>` : ""}</circle>`,
    );
    return `<polyline points="${points}" fill="none" stroke="${h(s.colour)}" stroke-width="2"/>${markers.join("")}`;
  });
  const legend = options.series.map(
    (s, i) =>
      `<rect x="${PAD.left + i * 150}" y="8" width="12" height="4" fill="${h(s.colour)}"/><text x="${PAD.left + 16 + i * 150}" y="12" class="legend" dominant-baseline="middle">${h(s.name)}</text>`,
  );
  const [from, to] = options.xLabels ?? ["", ""];
  const xAxis = `<text x="${PAD.left}" y="${HEIGHT - 10}" class="tick">${h(from)}</text><text x="${WIDTH - PAD.right}" y="${HEIGHT - 10}" class="tick" text-anchor="end">${h(to)}</text>`;
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${h(options.title)}" xmlns="http://www.w3.org/2000/svg"><title>${h(options.title)}</title>${grid.join("")}${lines.join("")}${legend.join("")}${xAxis}</svg>`;
}
