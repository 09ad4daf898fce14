import { createHistogram } from "../shared/traffic/latency-histogram.js";

/** One second of a run, for a report to plot: latencies in milliseconds. */
export interface SecondPoint {
  t: number;
  requests: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

const MAX_POINTS = 3600;

/** Per-second figures, keyed by when answers arrived; one histogram reused, so memory stays flat. */
export class SecondSeries {
  readonly points: SecondPoint[] = [];
  private from = 0;
  private second = 0;
  private requests = 0;
  private errors = 0;
  private readonly histogram = createHistogram();

  start(at: number): void {
    this.from = at;
  }

  record(at: number, us: number, error: boolean): void {
    const second = Math.floor((at - this.from) / 1000);
    if (second > this.second) this.flush(second);
    this.requests++;
    if (error) this.errors++;
    if (us > 0) this.histogram.recordValue(us);
  }

  /** Closes the current second (and any silent ones after it): a dead stretch shows as zeros. */
  flush(upTo = this.second + 1): void {
    while (this.second < upTo && this.points.length < MAX_POINTS) {
      const h = this.histogram;
      const at = (p: number) => (h.totalCount === 0 ? null : h.getValueAtPercentile(p) / 1000);
      this.points.push({
        t: this.second,
        requests: this.requests,
        errors: this.errors,
        p50: at(50),
        p95: at(95),
        p99: at(99),
        max: h.totalCount === 0 ? null : h.maxValue / 1000,
      });
      h.reset();
      this.requests = 0;
      this.errors = 0;
      this.second++;
    }
    this.second = Math.max(this.second, upTo);
  }

  /** Figures so far in the current second, for the live progress line. */
  current(): { requests: number; errors: number; p95: number | null } {
    const h = this.histogram;
    return {
      requests: this.requests,
      errors: this.errors,
      p95: h.totalCount === 0 ? null : h.getValueAtPercentile(95) / 1000,
    };
  }
}
