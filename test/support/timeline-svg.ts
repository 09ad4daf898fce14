/**
 * Reads a rollout timeline chart (report/html/rollout-chart.ts) back from its markup, by its
 * geometry: the weight lines' steps come from their points' y coordinates measured against the
 * 0 % and 100 % grid lines, not from any label the chart writes about itself.
 */
export interface TimelineReading {
  /** Gate markers, in drawing order: their check and verdict. */
  points: { check: string; verdict: string }[];
  /** The weights each line steps through, in order. */
  wanted: number[];
  read: number[];
  boundaries: { phase: string; status: string }[];
  actions: number;
  commands: string[];
  rollbackMs: number[];
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

export function readTimelineSvg(markup: string): TimelineReading {
  const svg = /<svg class="chart timeline"[\s\S]*?<\/svg>/.exec(markup)?.[0];
  if (svg === undefined) throw new Error("no timeline chart in the markup");
  const tickY = new Map(
    [...svg.matchAll(/<text [^>]*class="tick weight-tick"[^>]*>/g)].map(([tag]) => [
      Number(attribute(tag, "data-weight")),
      Number(attribute(tag, "y")),
    ]),
  );
  const y0 = tickY.get(0);
  const y100 = tickY.get(100);
  if (y0 === undefined || y100 === undefined) throw new Error("no 0 % and 100 % grid lines");
  const steps = (name: string): number[] => {
    const tag = new RegExp(`<polyline class="weight weight-${name}"[^>]*>`).exec(svg)?.[0];
    if (tag === undefined) return [];
    const weights = (attribute(tag, "points") ?? "")
      .split(" ")
      .map((pair) => Math.round(((y0 - Number(pair.split(",")[1])) / (y0 - y100)) * 100));
    return weights.filter((w, i) => i === 0 || weights[i - 1] !== w);
  };
  const tags = (cls: string) => [...svg.matchAll(new RegExp(`<g class="${cls}"[^>]*>`, "g"))].map(([t]) => t);
  return {
    points: tags("gate-point").map((t) => ({
      check: attribute(t, "data-check") ?? "",
      verdict: attribute(t, "data-verdict") ?? "",
    })),
    wanted: steps("wanted"),
    read: steps("read"),
    boundaries: tags("phase-boundary").map((t) => ({
      phase: attribute(t, "data-phase") ?? "",
      status: attribute(t, "data-status") ?? "",
    })),
    actions: tags("action-mark").length,
    commands: tags("command-mark").map((t) => attribute(t, "data-command") ?? ""),
    rollbackMs: tags("rollback-span").map((t) => Number(attribute(t, "data-ms"))),
  };
}
