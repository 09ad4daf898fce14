import type { ErrorKind } from "../shared/traffic/error-kind.js";
import { createHistogram, type Histogram } from "../shared/traffic/latency-histogram.js";
import { SecondSeries } from "./second-series.js";

export interface Tally {
  histogram: Histogram;
  requests: number;
  errors: number;
  errorKinds: Map<ErrorKind, number>;
}

function createTally(): Tally {
  return { histogram: createHistogram(), requests: 0, errors: 0, errorKinds: new Map() };
}

/**
 * Every answer of a run, counted from the end of the warm-up: totals, per route, and per second.
 * Latency runs from `startedAt`: when the request was due, or went out if that was earlier (open
 * model), or when it went out (closed model). `dueAt` places it in or out of the measured window.
 */
export class Recorder {
  readonly total = createTally();
  readonly routes: Tally[];
  readonly series = new SecondSeries();
  /** Open model: how late each measured request went out after its intended start, µs. */
  readonly issueDelay = createHistogram();
  measureFrom = Number.POSITIVE_INFINITY;
  dropped = 0;

  constructor(routeCount: number) {
    this.routes = Array.from({ length: routeCount }, createTally);
  }

  startMeasuring(at: number): void {
    this.measureFrom = at;
    this.series.start(at);
  }

  /** Open model: the request due at `intended` went out at `at`: late by the generator's own loop, or held by `max_in_flight`. */
  issued(intended: number, at: number): void {
    if (intended >= this.measureFrom)
      this.issueDelay.recordValue(Math.max(0, Math.round((at - intended) * 1000)));
  }

  record(
    route: number,
    startedAt: number,
    endedAt: number,
    status: number,
    kind: ErrorKind | null,
    dueAt = startedAt,
  ): void {
    if (dueAt < this.measureFrom) return;
    // Connection failures have no latency worth a percentile; a timeout's is a true lower bound.
    const timed = status > 0 || kind === "timeout";
    const us = timed ? Math.max(1, Math.round((endedAt - startedAt) * 1000)) : 0;
    count(this.total, us, kind);
    count(this.routes[route] as Tally, us, kind);
    this.series.record(endedAt, us, kind !== null);
  }
}

function count(tally: Tally, us: number, kind: ErrorKind | null): void {
  tally.requests++;
  if (us > 0) tally.histogram.recordValue(us);
  if (kind === null) return;
  tally.errors++;
  tally.errorKinds.set(kind, (tally.errorKinds.get(kind) ?? 0) + 1);
}
