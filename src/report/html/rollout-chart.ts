import { formatQuantity } from "../../core/format-quantity.js";
import type { Quantity } from "../../core/observation.js";
import type { GateLane, GateMark, GatePoint, RolloutSeries, WeightStep } from "../rollout-series.js";
import { COLOURS } from "./charts.js";
import { escapeHtml as h } from "./escape.js";

const WIDTH = 920;
const LEFT = 132;
const RIGHT = 72;
const PLOT_W = WIDTH - LEFT - RIGHT;
/** Rows from the top: legend, marks (actions, commands), phase labels, weight panel, then a lane per gate. */
const MARK_ROW = 44;
const WEIGHT_TOP = 84;
const WEIGHT_H = 150;
const LANE_H = 34;
const LANE_GAP = 14;

const MARK_COLOURS: Readonly<Record<GateMark, string>> = {
  pass: COLOURS.go,
  fail: COLOURS.nogo,
  pending: "#59636e",
  inconclusive: COLOURS.claimed,
};

/** Whether a label reaching to `x` would run past the plot: then it is drawn leftwards. */
const nearEnd = (x: number) => x > LEFT + PLOT_W;

const r1 = (n: number) => String(Math.round(n * 10) / 10);

const amount = (value: Quantity | number) => formatQuantity(value);
const numberOf = (value: Quantity | number) => (typeof value === "number" ? value : value.value);

/** ISO time as `2026-12-02 10:00:01` (UTC), for axis ends and tooltips. */
function clock(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

/**
 * A gate result's marker, by shape as well as colour: a filled disc passes, a cross fails, a
 * hollow ring is pending (no data), a hollow diamond is inconclusive (the source erred).
 */
function gateShape(mark: GateMark): string {
  const colour = MARK_COLOURS[mark];
  switch (mark) {
    case "pass":
      return `<circle r="4.5" fill="${colour}"/>`;
    case "fail":
      return `<path d="M-4.5,-4.5L4.5,4.5M-4.5,4.5L4.5,-4.5" stroke="${colour}" stroke-width="2.5" fill="none"/>`;
    case "pending":
      return `<circle r="4" fill="#fff" stroke="${colour}" stroke-width="2"/>`;
    case "inconclusive":
      return `<path d="M0,-5.5L5.5,0L0,5.5L-5.5,0Z" fill="#fff" stroke="${colour}" stroke-width="2"/>`;
  }
}

const ACTION_SHAPE = (ok: boolean | null) =>
  `<path d="M-5,-4L5,-4L0,5Z" fill="${ok === false ? "#fff" : "#1f2328"}" stroke="${ok === false ? COLOURS.nogo : "#1f2328"}" stroke-width="1.5"/>`;
const COMMAND_SHAPE = `<rect x="-4.5" y="-4.5" width="9" height="9" fill="${COLOURS.rps}"/>`;

function legend(): string {
  const items: [string, string][] = [
    [`<path d="M-9,0L9,0" stroke="${COLOURS.p95}" stroke-width="2.5"/>`, "weight read back"],
    [`<path d="M-9,0L9,0" stroke="#59636e" stroke-width="1.5" stroke-dasharray="4 3"/>`, "weight wanted"],
    [gateShape("pass"), "pass"],
    [gateShape("fail"), "fail"],
    [gateShape("pending"), "pending"],
    [gateShape("inconclusive"), "inconclusive"],
    [ACTION_SHAPE(true), "action"],
    [COMMAND_SHAPE, "command"],
    [`<rect x="-8" y="-5" width="16" height="10" fill="${COLOURS.nogo}" fill-opacity="0.18"/>`, "rollback"],
  ];
  let x = LEFT;
  return items
    .map(([shape, label]) => {
      const at = x;
      x += 34 + label.length * 6.2;
      return `<g transform="translate(${r1(at)},14)">${shape}</g><text x="${r1(at + 14)}" y="14" class="legend" dominant-baseline="middle">${label}</text>`;
    })
    .join("");
}

interface Frame {
  x(at: number): number;
  weightY(weight: number): number;
  /** The x of the plot's right edge. */
  end: number;
  bottom: number;
}

/** A step line through `steps`, held to the plot's right edge: each change is a vertical rise or drop. */
function stepPath(steps: WeightStep[], frame: Frame): string {
  const points: string[] = [];
  steps.forEach((step, i) => {
    const x = r1(frame.x(step.at));
    const previous = steps[i - 1];
    if (previous !== undefined) points.push(`${x},${r1(frame.weightY(previous.weight))}`);
    points.push(`${x},${r1(frame.weightY(step.weight))}`);
  });
  const last = steps.at(-1);
  if (last !== undefined) points.push(`${r1(frame.end)},${r1(frame.weightY(last.weight))}`);
  return points.join(" ");
}

function weightPanel(series: RolloutSeries, frame: Frame): string {
  const grid = [0, 25, 50, 75, 100].map((w) => {
    const y = r1(frame.weightY(w));
    return `<line x1="${LEFT}" x2="${LEFT + PLOT_W}" y1="${y}" y2="${y}" class="grid"/><text x="${LEFT - 6}" y="${y}" class="tick weight-tick" data-weight="${w}" text-anchor="end" dominant-baseline="middle">${w}%</text>`;
  });
  const bands = series.rollbacks.map((rb) => {
    const x1 = frame.x(rb.breachAt);
    const width = Math.max(2, frame.x(rb.safeAt) - x1);
    const label = `rollback: breach to safe weight read back in ${amount({ value: rb.breachToSafeMs, unit: "ms" })}`;
    return `<g class="rollback-span" data-ms="${rb.breachToSafeMs}"><title>${h(label)} (${clock(rb.breachAt)} → ${clock(rb.safeAt)})</title><rect x="${r1(x1)}" y="${WEIGHT_TOP}" width="${r1(width)}" height="${WEIGHT_H}" fill="${COLOURS.nogo}" fill-opacity="0.18"/><line x1="${r1(x1)}" x2="${r1(x1)}" y1="${WEIGHT_TOP}" y2="${WEIGHT_TOP + WEIGHT_H}" stroke="${COLOURS.nogo}" stroke-width="1.5"/>${nearEnd(x1 + width + 80) ? `<text x="${r1(x1 - 4)}" text-anchor="end"` : `<text x="${r1(x1 + width + 4)}"`} y="${WEIGHT_TOP + 14}" class="tick" fill="${COLOURS.nogo}">rollback ${h(amount({ value: rb.breachToSafeMs, unit: "ms" }))}</text></g>`;
  });
  const line = (steps: WeightStep[], name: string, style: string) =>
    steps.length === 0
      ? ""
      : `<polyline class="weight weight-${name}" data-steps="${steps.map((s) => s.weight).join(" ")}" points="${stepPath(steps, frame)}" fill="none" ${style}><title>weight ${name}: ${steps.map((s) => `${s.weight}%`).join(" → ")}</title></polyline>`;
  return [
    ...grid,
    ...bands,
    line(series.wanted, "wanted", `stroke="#59636e" stroke-width="1.5" stroke-dasharray="4 3"`),
    line(series.read, "read", `stroke="${COLOURS.p95}" stroke-width="2.5"`),
  ].join("");
}

/** Phase boundaries across the whole chart, labelled with the phase (or the status, once it is not progressing). */
function boundaries(series: RolloutSeries, frame: Frame): string {
  return series.phases
    .map((p, i) => {
      const x = r1(frame.x(p.at));
      const label = p.status === "progressing" || p.status === "" ? (p.phase ?? "-") : p.status;
      // Two label rows, alternating, so neighbouring boundaries stay readable.
      const y = WEIGHT_TOP - 8 - (i % 2) * 14;
      return `<g class="phase-boundary" data-phase="${h(p.phase ?? "")}" data-status="${h(p.status)}"><line x1="${x}" x2="${x}" y1="${y + 4}" y2="${frame.bottom}" stroke="#8c959f" stroke-dasharray="2 3"/><text x="${x}" y="${y}" class="tick"${nearEnd(frame.x(p.at) + 90) ? ` text-anchor="end"` : ""}>${h(label)} ${p.weight}%</text><title>${h(`${clock(p.at)}: phase ${p.phase ?? "-"}, ${p.status}, weight ${p.weight}`)}</title></g>`;
    })
    .join("");
}

function marks(series: RolloutSeries, frame: Frame): string {
  const actions = series.actions.map(
    (a) =>
      `<g class="action-mark" transform="translate(${r1(frame.x(a.at))},${MARK_ROW})"><title>${h(`${clock(a.at)}: ${a.text}`)}</title>${ACTION_SHAPE(a.ok)}</g>`,
  );
  const commands = series.commands.map(
    (c) =>
      `<g class="command-mark" data-command="${h(c.type)}" transform="translate(${r1(frame.x(c.at))},${MARK_ROW - 14})"><title>${h(`${clock(c.at)}: ${c.type} by ${c.by}`)}</title>${COMMAND_SHAPE}</g>`,
  );
  return [...actions, ...commands].join("");
}

function pointLabel(check: string, p: GatePoint): string {
  const value = p.value === null ? "" : ` = ${amount(p.value)}`;
  return `${clock(p.at)}: ${check}${value}: ${p.mark}${p.reason ? ` (${p.reason})` : ""}`;
}

/** One gate's results along the time axis: the marker by verdict, placed by the gate's value within the lane's range. */
function lane(gate: GateLane, top: number, frame: Frame): string {
  const valued = gate.points.flatMap((p) => (p.value === null ? [] : [{ point: p, value: p.value }]));
  const min = Math.min(...valued.map((v) => numberOf(v.value)));
  const max = Math.max(...valued.map((v) => numberOf(v.value)));
  const y = (p: GatePoint) =>
    p.value === null || !(max > min)
      ? top + LANE_H / 2
      : top + LANE_H - 5 - ((numberOf(p.value) - min) / (max - min)) * (LANE_H - 10);
  const trend =
    valued.length > 1
      ? `<polyline points="${valued.map(({ point }) => `${r1(frame.x(point.at))},${r1(y(point))}`).join(" ")}" fill="none" stroke="#afb8c1" stroke-width="1"/>`
      : "";
  // The lane's range at its right: the largest value seen on top, the smallest below.
  const highest = valued.find((v) => numberOf(v.value) === max)?.value;
  const lowest = valued.find((v) => numberOf(v.value) === min)?.value;
  const range =
    highest === undefined || lowest === undefined
      ? ""
      : `<text x="${LEFT + PLOT_W + 6}" y="${top + 8}" class="tick">${h(amount(highest))}</text>${max > min ? `<text x="${LEFT + PLOT_W + 6}" y="${top + LANE_H - 2}" class="tick">${h(amount(lowest))}</text>` : ""}`;
  const points = gate.points.map(
    (p) =>
      `<g class="gate-point" data-check="${h(gate.check)}" data-verdict="${p.mark}" transform="translate(${r1(frame.x(p.at))},${r1(y(p))})"><title>${h(pointLabel(gate.check, p))}</title>${gateShape(p.mark)}</g>`,
  );
  const name = gate.check.length > 20 ? `${gate.check.slice(0, 19)}…` : gate.check;
  return `<g class="gate-lane" data-check="${h(gate.check)}"><rect x="${LEFT}" y="${top}" width="${PLOT_W}" height="${LANE_H}" fill="#f6f8fa"/><text x="${LEFT - 6}" y="${top + LANE_H / 2}" class="tick" text-anchor="end" dominant-baseline="middle">${h(name)}<title>gate ${h(gate.check)}</title></text>${range}${trend}${points.join("")}</g>`;
}

/**
 * A rollout's timeline as one inline SVG (no script): the weight read back (a solid step line)
 * and wanted (dashed) from 0 to 100 %, phase boundaries, actions and people's commands along the
 * top, each rollback shaded from its breach to the safe weight read back with that time, and one
 * lane per gate whose markers say pass, fail, pending or inconclusive by shape and colour, placed
 * by the value the gate's check saw. Empty when the timeline has no event.
 */
export function rolloutTimelineChart(name: string, series: RolloutSeries): string {
  if (series.to === 0 && series.from === 0) return "";
  const lanesTop = WEIGHT_TOP + WEIGHT_H + 20;
  const bottom =
    lanesTop + series.lanes.length * (LANE_H + LANE_GAP) - (series.lanes.length > 0 ? LANE_GAP : 0);
  const height = bottom + 34;
  const span = series.to - series.from;
  // A little time after the last event, so the weight it left is seen held.
  const shown = span * 1.04;
  const frame: Frame = {
    x: (at) =>
      LEFT +
      (span <= 0
        ? PLOT_W / 2
        : ((Math.min(Math.max(at, series.from), series.from + shown) - series.from) / shown) * PLOT_W),
    weightY: (w) => WEIGHT_TOP + WEIGHT_H - (Math.min(Math.max(w, 0), 100) / 100) * WEIGHT_H,
    end: LEFT + PLOT_W,
    bottom,
  };
  const gates = series.lanes.reduce((n, l) => n + l.points.length, 0);
  const title = `Rollout ${name}: weight and gates over time (${gates} gate results, ${series.actions.length} actions, ${series.rollbacks.length} rollbacks)`;
  const lanes = series.lanes.map((gate, i) => lane(gate, lanesTop + i * (LANE_H + LANE_GAP), frame));
  const axis = `<text x="${LEFT}" y="${height - 10}" class="tick">${clock(series.from)} UTC</text><text x="${LEFT + PLOT_W / 2}" y="${height - 10}" class="tick" text-anchor="middle">${h(amount({ value: span, unit: "ms" }))}</text><text x="${LEFT + PLOT_W}" y="${height - 10}" class="tick" text-anchor="end">${clock(series.to)} UTC</text>`;
  return `<svg class="chart timeline" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${h(title)}" xmlns="http://www.w3.org/2000/svg"><title>${h(title)}</title>${legend()}${weightPanel(series, frame)}${boundaries(series, frame)}${marks(series, frame)}${lanes.join("")}${axis}</svg>`;
}
