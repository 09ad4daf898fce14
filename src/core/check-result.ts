import type { Observations } from "./observation.js";

/** One expectation as evaluated, e.g. { expr: "p95 < 300ms", ok: false, actual: "412ms" }. */
export interface ExpectationOutcome {
  expr: string;
  ok: boolean;
  actual: string;
  error?: string;
}

/** What one check did in one run: the evidence a report shows and the store keeps. */
export interface CheckResult {
  id: string;
  probe: string;
  status: "pass" | "fail" | "error";
  durationMs: number;
  observations: Observations;
  expectations: ExpectationOutcome[];
  error?: string;
  evidence?: Record<string, unknown>;
  attempts?: number;
}
