import type { CheckResult } from "../core/check-result.js";
import type { PlannedCheck } from "./plan.js";

/** The result of a check that never reached its probe (cancelled, not selected, not loadable): an error, nothing observed. */
export function errorResult(check: PlannedCheck, error: string): CheckResult {
  return {
    id: check.id,
    probe: check.probe.name,
    status: "error",
    durationMs: 0,
    observations: {},
    expectations: [],
    error,
  };
}
