import { describe, expect, expectTypeOf, it } from "vitest";
import { sampleAssessment } from "../../test/support/sample-assessment.js";
import type { CheckResult } from "../core/check-result.js";
import type { ItemStatus } from "../core/item-status.js";
import type { LintFinding } from "../lint/index.js";
import { toJsonReport } from "../report/json.js";
import type { GateResult } from "../verdict/assessment.js";
import type { AttestationState } from "../verdict/manual-evidence.js";
import type { Summary } from "../verdict/score.js";
import type { SignoffState } from "../verdict/signoffs.js";
import { parseReport } from "./parse-report.js";
import type {
  JsonAttestation,
  JsonCheckResult,
  JsonGate,
  JsonItem,
  JsonLintFinding,
  JsonReport,
  JsonSignoff,
  JsonSummary,
} from "./report.js";

const SIGNOFF: SignoffState = {
  id: 1,
  section: "Security",
  sectionId: "launch-readiness/security",
  by: "ana",
  role: "Security Lead",
  at: "2026-11-20T10:00:00.000Z",
  run: 3,
  valid: false,
  reason: "void: regressed",
};
// As the store's rows are: with their id and checklist key.
const ATTESTATION: AttestationState & { id: number; checklist: string } = {
  id: 4,
  checklist: "launch.md",
  itemId: "launch-readiness/operations/runbook-written",
  itemText: "Runbook written",
  by: "bo",
  at: "2026-11-20T10:00:00.000Z",
  expiresAt: null,
  evidence: "https://wiki/runbook",
  note: null,
  valid: true,
  reason: "attested, no expiry",
};

/** The sample run as verify with a store reports it: every optional part present. */
function fullReport(): JsonReport {
  const assessment = sampleAssessment();
  const critical = new Set([assessment.checklist.items[0]?.id ?? ""]);
  return toJsonReport({
    ...assessment,
    complete: true,
    critical,
    signoffs: [SIGNOFF],
    attestations: [ATTESTATION],
  });
}

const strict = (value: unknown) => parseReport(value, { unknownKeys: "refuse" });
const issues = (value: unknown) => {
  const parsed = strict(value);
  return parsed.ok ? [] : parsed.issues;
};

describe("the JSON report model", () => {
  it("describes what gonogo writes: a verify report with every part, and a status report", () => {
    expect(issues(JSON.parse(JSON.stringify(fullReport())))).toEqual([]);
    const { verdict: _, ...document } = sampleAssessment();
    const status = toJsonReport(document);
    expect(status.verdict).toBeUndefined();
    expect(issues(JSON.parse(JSON.stringify(status)))).toEqual([]);
  });

  it("takes a number that is not finite as evidence spells it", () => {
    const report = fullReport();
    const check = report.items[0]?.checks[0] as JsonCheckResult;
    check.observations = { ttl: "Infinity", p95: { value: "NaN", unit: "ms" }, none: null, tags: ["a"] };
    expect(issues(report)).toEqual([]);
  });

  it("refuses an unknown key, naming where it is", () => {
    const report = fullReport() as unknown as Record<string, unknown> & { items: Record<string, unknown>[] };
    report.colour = "red";
    (report.items[1] as Record<string, unknown>).owner = "ops";
    expect(issues(report)).toEqual(["items[1].owner: unknown key", "colour: unknown key"]);
  });

  it("refuses a status outside the report's vocabulary, naming where it is", () => {
    const report = fullReport() as unknown as { items: { status: string; checks: { status: string }[] }[] };
    (report.items[2] as { status: string }).status = "done";
    (report.items[0]?.checks[0] as { status: string }).status = "ok";
    expect(issues(report)).toEqual([
      expect.stringMatching(
        /^items\[0\]\.checks\[0\]\.status: Invalid option: expected one of "pass"\|"fail"\|"error"$/,
      ),
      expect.stringMatching(
        /^items\[2\]\.status: Invalid option: expected one of "pass"\|"fail"\|"error"\|"attested"/,
      ),
    ]);
  });

  it("refuses a missing field, a wrong verdict and a wrong schemaVersion", () => {
    const report = fullReport() as unknown as Record<string, unknown>;
    delete report.summary;
    report.verdict = "MAYBE";
    report.schemaVersion = 2;
    expect(issues(report)).toEqual([
      "schemaVersion: Invalid input: expected 1",
      'verdict: Invalid option: expected one of "GO"|"NO-GO"',
      "summary: Invalid input: expected object, received undefined",
    ]);
  });

  it("lets a newer gonogo's added fields through when read leniently, and keeps them", () => {
    const report = { ...fullReport(), runUrl: "https://ci/1" };
    const parsed = parseReport(report, { unknownKeys: "allow" });
    expect(parsed.ok && (parsed.report as unknown as { runUrl: string }).runUrl).toBe("https://ci/1");
    expect(parseReport({ ...report, verdict: "MAYBE" }, { unknownKeys: "allow" }).ok).toBe(false);
  });

  it("speaks the words of the code that fills it", () => {
    expectTypeOf<JsonItem["status"]>().toEqualTypeOf<ItemStatus>();
    expectTypeOf<JsonCheckResult["status"]>().toEqualTypeOf<CheckResult["status"]>();
    expectTypeOf<JsonSummary>().toEqualTypeOf<Summary>();
    expectTypeOf<JsonGate>().toEqualTypeOf<GateResult>();
    expectTypeOf<JsonSignoff>().toEqualTypeOf<SignoffState>();
    // The store's rows add their id and checklist key to what the verdict code knows of an attestation.
    expectTypeOf<AttestationState>().toExtend<JsonAttestation>();
    expectTypeOf<Omit<JsonAttestation, "id" | "checklist">>().toEqualTypeOf<AttestationState>();
    expectTypeOf<JsonLintFinding>().toEqualTypeOf<LintFinding>();
  });
});
