import type { CheckResult } from "../../core/check-result.js";
import { escapeHtml as h } from "./escape.js";
import { type ChartPoint, renderLineChart } from "./line-chart.js";

/** One past run, oldest first, for the readiness-over-time chart. */
export interface HistoryPoint {
  startedAt: string;
  verdict: "GO" | "NO-GO";
  verifiedPct: number;
  claimedPct: number;
}

/** One second of a load check, as charted (from the load probe's `evidence.series`). */
export interface LoadSample {
  t: number;
  rps: number;
  p95Ms: number;
  errors: number;
}

export const COLOURS = {
  verified: "#1a7f37",
  claimed: "#9a6700",
  go: "#1a7f37",
  nogo: "#cf222e",
  p95: "#0969da",
  rps: "#8250df",
};

function shortDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 16).replace("T", " ");
}

/** Readiness over past runs: verified % and claimed %, each run's marker green for GO, red for NO-GO. */
export function historyChart(history: HistoryPoint[]): string {
  if (history.length === 0) return "";
  const points = (pick: (p: HistoryPoint) => number, name: string): ChartPoint[] =>
    history.map((run, i) => ({
      x: i,
      y: pick(run),
      colour: run.verdict === "GO" ? COLOURS.go : COLOURS.nogo,
      label: `${shortDate(run.startedAt)}: ${run.verdict}, ${name} ${pick(run).toFixed(1)}%`,
    }));
  const first = history[0] as HistoryPoint;
  const last = history[history.length - 1] as HistoryPoint;
  const chart = renderLineChart({
    title: `Readiness over the last ${history.length} runs`,
    yMax: 100,
    yUnit: "%",
    xLabels: [shortDate(first.startedAt), shortDate(last.startedAt)],
    series: [
      // Claimed first, so verified is drawn on top where the two lines meet.
      { name: "claimed", colour: COLOURS.claimed, points: points((p) => p.claimedPct, "claimed") },
      { name: "verified", colour: COLOURS.verified, points: points((p) => p.verifiedPct, "verified") },
    ],
  });
  const go = history.filter((p) => p.verdict === "GO").length;
  return `<section class="card"><h2>Readiness over time</h2><p class="muted">${history.length} runs · ${go} GO · ${history.length - go} NO-GO · markers: <span class="go-text">GO</span> / <span class="nogo-text">NO-GO</span></p>${chart}</section>`;
}

/** The load probe's per-second point (src/probes/load/second-series.ts): latencies in ms, null when idle. */
function toSample(value: unknown): LoadSample | null {
  if (typeof value !== "object" || value === null) return null;
  const { t, requests, errors, p95 } = value as Record<string, unknown>;
  const numbers = [t, requests, errors, p95].every((v) => typeof v === "number" && Number.isFinite(v));
  return numbers
    ? { t: t as number, rps: requests as number, p95Ms: p95 as number, errors: errors as number }
    : null;
}

/** A load check's per-second samples, when its evidence carries them; seconds with no answer are left out. */
export function loadSamples(check: CheckResult): LoadSample[] {
  const series = check.evidence?.series;
  return Array.isArray(series) ? series.map(toSample).filter((s): s is LoadSample => s !== null) : [];
}

/** p95 latency and throughput per second of a load check, with the seconds that saw errors. */
export function loadChart(check: CheckResult): string {
  const samples = loadSamples(check);
  if (samples.length === 0) return "";
  const last = samples[samples.length - 1] as LoadSample;
  const errorSeconds = samples.filter((s) => s.errors > 0);
  const mark = (s: LoadSample) => (s.errors > 0 ? COLOURS.nogo : undefined);
  const latency = renderLineChart({
    title: `${check.id}: p95 latency per second`,
    yUnit: "ms",
    xLabels: [`${samples[0]?.t ?? 0}s`, `${last.t}s`],
    series: [
      {
        name: "p95 latency (ms)",
        colour: COLOURS.p95,
        points: samples.map((s) => ({
          x: s.t,
          y: s.p95Ms,
          ...(mark(s) ? { colour: mark(s) } : {}),
          label: `${s.t}s: p95 ${s.p95Ms}ms, ${s.rps} req/s, ${s.errors} errors`,
        })),
      },
    ],
  });
  const throughput = renderLineChart({
    title: `${check.id}: requests per second`,
    xLabels: [`${samples[0]?.t ?? 0}s`, `${last.t}s`],
    series: [{ name: "requests/s", colour: COLOURS.rps, points: samples.map((s) => ({ x: s.t, y: s.rps })) }],
  });
  const errors =
    errorSeconds.length === 0
      ? "no errors"
      : `errors in ${errorSeconds.length} of ${samples.length} seconds (red markers)`;
  return `<div class="load"><p class="muted">${h(check.id)}: ${samples.length} seconds · ${errors}</p><div class="pair">${latency}${throughput}</div></div>`;
}
