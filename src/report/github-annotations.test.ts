import { describe, expect, it } from "vitest";
import { parseText } from "../../test/support/checklist-bytes.js";
import { checkResult, SAMPLE_VERDICT, sampleAssessment } from "../../test/support/sample-assessment.js";
import { assessChecklist } from "../verdict/assessment.js";
import { renderGithubAnnotations } from "./github-annotations.js";
import { toJsonReport } from "./json.js";

describe("renderGithubAnnotations", () => {
  it("pins the NO-GO first, then each check that did not pass, to the checklist's lines", () => {
    expect(renderGithubAnnotations(toJsonReport(sampleAssessment())).split("\n")).toEqual([
      "::error file=checklist.md,line=1,title=gonogo%3A NO-GO::2 of 4 gates failed" +
        "%0A✗ overall: 50.0%25 (4/8 verified or claimed), required ≥ 85%25 — 4 items not ready" +
        '%0A✗ section "Security": 50.0%25 (1/2 verified or claimed), required ≥ 100%25 — 1 item not ready',
      "::error file=checklist.md,line=6,title=rate-limit::Rate limiting enabled on /api/*%0Astatus 200 == 429 ✗%0Alatency 12ms < 300ms ✓",
      "::error file=checklist.md,line=12,title=load-offer::p95 latency < 300ms%0Ap95 412ms < 300ms ✗",
      "::error file=checklist.md,line=14,title=health::Health endpoint returns 200%0Aerror: GET http://127.0.0.1:1/health: connection refused",
      "",
    ]);
  });

  it("says nothing of a GO with nothing failing, and takes the path GitHub knows when told", () => {
    const go = { verdict: "GO" as const, gates: SAMPLE_VERDICT.gates.map((g) => ({ ...g, ok: true })) };
    const checklist = parseText("# Go\n\n- [x] a\n");
    expect(renderGithubAnnotations(toJsonReport({ ...assessChecklist(checklist), verdict: go }))).toBe("");
    const output = renderGithubAnnotations(toJsonReport(sampleAssessment()), { file: "docs/launch.md" });
    expect(
      output.split("\n").every((line) => line === "" || line.startsWith("::error file=docs/launch.md,")),
    ).toBe(true);
  });

  it("escapes data (% CR LF) and properties (also : and ,) by GitHub's workflow-command rules", () => {
    const checklist = parseText("# Ops\n\n- [ ] Disk at 100% alarms\n");
    const [item] = checklist.items;
    if (!item) throw new Error("fixture has an item");
    const result = checkResult({
      id: "disk:alarm,100%",
      status: "error",
      error: "exit 2\r\nno such file: /etc/x",
    });
    const assessment = assessChecklist(
      checklist,
      new Map([[item.id, "error"]]),
      new Map([[item.id, [result]]]),
    );
    expect(
      renderGithubAnnotations(toJsonReport({ ...assessment, verdict: undefined }), { file: "a,b:c%.md" }),
    ).toBe(
      "::error file=a%2Cb%3Ac%25.md,line=3,title=disk%3Aalarm%2C100%25::Disk at 100%25 alarms%0Aerror: exit 2%0A  no such file: /etc/x\n",
    );
  });

  it("turns lint warnings into ::warning and leaves info findings out", () => {
    const assessment = assessChecklist(parseText("# Plan\n\n- [ ] a\n"));
    const lint = [
      {
        rule: "ready-claim",
        line: 3,
        message: '"READY" claims done, but 1 of 1 items are open',
        severity: "warning" as const,
      },
      { rule: "signoff-incomplete", line: 5, message: "unsigned", severity: "info" as const },
    ];
    expect(renderGithubAnnotations(toJsonReport({ ...assessment, lint }))).toBe(
      '::warning file=checklist.md,line=3,title=ready-claim::"READY" claims done, but 1 of 1 items are open\n',
    );
  });
});
