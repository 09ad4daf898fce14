// Test support for the reporters' tests: one small checklist with every status, its evidence and a
// NO-GO verdict.

import type { CheckResult } from "../../src/core/check-result.js";
import type { ItemStatus } from "../../src/core/item-status.js";
import { type Assessment, assessChecklist, type Verdict } from "../../src/verdict/assessment.js";
import { percentGate } from "../../src/verdict/percent-gate.js";
import { parseText } from "./checklist-bytes.js";

export const SAMPLE_MARKDOWN = `# Launch Readiness

## Security

- [x] TLS certificate valid for 30+ days
- [x] Rate limiting enabled on \`/api/*\`
- [ ] Secrets rotated (if using Vault)

## Performance

- [x] Load tests
  - [x] p95 latency < 300ms
  - [x] Error rate < 1%
- [ ] Health endpoint returns 200

## Operations

- [x] Runbook written
- [x] On-call rota agreed
`;

export function checkResult(partial: Partial<CheckResult> & Pick<CheckResult, "id" | "status">): CheckResult {
  return { probe: "http", durationMs: 12, observations: {}, expectations: [], ...partial };
}

const OWN: Record<string, ItemStatus> = {
  "launch-readiness/security/tls-certificate-valid-for-30-days": "pass",
  "launch-readiness/security/rate-limiting-enabled-on-api": "fail",
  "launch-readiness/security/secrets-rotated-if-using-vault": "waived",
  "launch-readiness/performance/p95-latency-300ms": "fail",
  "launch-readiness/performance/error-rate-1": "pass",
  "launch-readiness/performance/health-endpoint-returns-200": "error",
  "launch-readiness/operations/runbook-written": "attested",
};

const CHECKS: Record<string, CheckResult[]> = {
  "launch-readiness/security/tls-certificate-valid-for-30-days": [
    checkResult({
      id: "tls",
      probe: "tls",
      status: "pass",
      durationMs: 41,
      expectations: [{ expr: "days_left >= 30", ok: true, actual: "88" }],
    }),
  ],
  "launch-readiness/security/rate-limiting-enabled-on-api": [
    checkResult({
      id: "rate-limit",
      status: "fail",
      expectations: [
        { expr: "status == 429", ok: false, actual: "200" },
        { expr: "latency < 300ms", ok: true, actual: "12ms" },
      ],
    }),
  ],
  "launch-readiness/performance/p95-latency-300ms": [
    checkResult({
      id: "load-offer",
      probe: "load",
      status: "fail",
      durationMs: 5003,
      expectations: [{ expr: "p95 < 300ms", ok: false, actual: "412ms" }],
    }),
  ],
  "launch-readiness/performance/error-rate-1": [
    checkResult({
      id: "load-errors",
      probe: "load",
      status: "pass",
      durationMs: 5003,
      expectations: [{ expr: "error_rate < 1%", ok: true, actual: "0.2%" }],
    }),
  ],
  "launch-readiness/performance/health-endpoint-returns-200": [
    checkResult({
      id: "health",
      status: "error",
      durationMs: 3,
      attempts: 3,
      error: "GET http://127.0.0.1:1/health: connection refused",
    }),
  ],
};

// Shaped like what src/verdict/gates.ts reports.
export const SAMPLE_VERDICT: Verdict = {
  verdict: "NO-GO",
  gates: [
    gate("overall", false, "50.0% (4/8 verified or claimed)", "≥ 85%", "4 items not ready"),
    gate('section "Security"', false, "50.0% (1/2 verified or claimed)", "≥ 100%", "1 item not ready"),
    gate('section "Operations"', true, "100.0% (2/2 verified or claimed)", "≥ 90%", "met"),
    gate("critical items", true, "none failing", "no fail or error", "met"),
  ],
};

function gate(name: string, ok: boolean, actual: string, required: string, reason: string) {
  return { name, ok, actual, required, reason };
}

/** The sample checklist assessed with its evidence and verdict; `markdown` swaps in another document. */
export function sampleAssessment(
  markdown = SAMPLE_MARKDOWN,
  verdict: Verdict | undefined = SAMPLE_VERDICT,
): Assessment {
  const checklist = parseText(markdown);
  const known = new Set(checklist.items.map((i) => i.id));
  const own = new Map(Object.entries(OWN).filter(([id]) => known.has(id)));
  const checks = new Map(Object.entries(CHECKS).filter(([id]) => known.has(id)));
  const assessment = assessChecklist(checklist, own, checks);
  return verdict ? { ...assessment, verdict } : assessment;
}

/**
 * The sample assessment under a verdict that agrees with its own items (a report that passes
 * recheckReport): GO at an overall gate of 0%, NO-GO at 100%.
 */
export function consistentAssessment(verdict: "GO" | "NO-GO"): Assessment {
  const assessment = sampleAssessment();
  const { items } = assessment.checklist;
  const overall = percentGate("overall", items, assessment.statuses, verdict === "GO" ? 0 : 100, "claims");
  return { ...assessment, verdict: { verdict, gates: [overall] } };
}
