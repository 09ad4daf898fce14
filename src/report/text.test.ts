import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { parseText } from "../../test/support/checklist-bytes.js";
import { checkResult, SAMPLE_VERDICT, sampleAssessment } from "../../test/support/sample-assessment.js";
import type { ItemStatus } from "../core/item-status.js";
import { assessChecklist } from "../verdict/assessment.js";
import { toJsonReport } from "./json.js";
import { createStyle } from "./style.js";
import { renderText } from "./text.js";

const plain = createStyle(false);
const colour = createStyle(true);

describe("renderText", () => {
  it("shows each section's scores, the items that need attention with their evidence, the gates and the verdict", () => {
    expect(renderText(toJsonReport(sampleAssessment()), { style: plain })).toBe(`Launch Readiness
checklist.md · 9 items · verified 37.5% · claimed 50.0%
2 pass · 1 attested · 3 fail · 1 error · 1 claimed · 1 waived

                                         verified             claimed   items
Launch Readiness                         █████░░░░░░░  37.5%    50.0%     3/8
  Security                               ██████░░░░░░  50.0%    50.0%     1/2
    ✗ fail     Rate limiting enabled on /api/*  checklist.md:6
        check rate-limit (http, 12ms): fail
          status 200 == 429 ✗
          latency 12ms < 300ms ✓
    - waived   Secrets rotated (if using Vault)  checklist.md:7
    ✓ 1 passed
  Performance                            ███░░░░░░░░░  25.0%    25.0%     1/4
    ✗ fail     Load tests  checklist.md:11
        decided by the items under it
      ✗ fail     p95 latency < 300ms  checklist.md:12
          check load-offer (load, 5s): fail
            p95 412ms < 300ms ✗
    ! error    Health endpoint returns 200  checklist.md:14
        check health (http, 3ms, 3 attempts): error
          error: GET http://127.0.0.1:1/health: connection refused
    ✓ 1 passed
  Operations                             ██████░░░░░░  50.0%   100.0%     1/2
    ✓ attested Runbook written  checklist.md:18
    ? claimed  On-call rota agreed — ticked, no check behind it  checklist.md:19
Overall                                  █████░░░░░░░  37.5%    50.0%     3/8

Gates
  ✗  overall               50.0% (4/8 verified or claimed)   required ≥ 85%             4 items not ready
  ✗  section "Security"    50.0% (1/2 verified or claimed)   required ≥ 100%            1 item not ready
  ok section "Operations"  100.0% (2/2 verified or claimed)  required ≥ 90%             met
  ok critical items        none failing                      required no fail or error  met

════════════════════════════════════════
  NO-GO   2 of 4 gates failed
════════════════════════════════════════
`);
  });

  it("with verbose, lists passing items too, each with one line of evidence", () => {
    const lines = renderText(toJsonReport(sampleAssessment()), { style: plain, verbose: true }).split("\n");
    const at = lines.indexOf("    ✓ pass     TLS certificate valid for 30+ days  checklist.md:5");
    expect(lines[at + 1]).toBe("        check tls (tls, 41ms): 1 expectation held");
    expect(lines).toContain("      ✓ pass     Error rate < 1%  checklist.md:13");
    expect(lines.filter((l) => l.endsWith(" passed"))).toEqual([]);
  });

  it("paints GO green and NO-GO red, and says exactly the same without colours", () => {
    const noGo = renderText(toJsonReport(sampleAssessment()), { style: colour });
    expect(noGo).toContain("\u001b[31m  NO-GO   2 of 4 gates failed\u001b[39m");
    expect(stripVTControlCharacters(noGo)).toBe(
      renderText(toJsonReport(sampleAssessment()), { style: plain }),
    );

    const go = { verdict: "GO" as const, gates: SAMPLE_VERDICT.gates.map((g) => ({ ...g, ok: true })) };
    const goText = renderText(toJsonReport(sampleAssessment(undefined, go)), { style: colour });
    expect(goText).toContain("\u001b[32m  GO   all 4 gates passed\u001b[39m");
    expect(stripVTControlCharacters(goText).trimEnd().split("\n").slice(-3)).toEqual([
      "═".repeat(40),
      "  GO   all 4 gates passed",
      "═".repeat(40),
    ]);
  });

  it("keeps a 250-item checklist short: passing items are counted per section", () => {
    const sections = Array.from({ length: 5 }, (_, s) => {
      const items = Array.from({ length: 50 }, (_, i) => `- [x] Item ${s}.${i}`).join("\n");
      return `## Area ${s}\n\n${items}\n`;
    });
    const checklist = parseText(`# Big launch\n\n${sections.join("\n")}`);
    const own = new Map<string, ItemStatus>(checklist.items.map((item) => [item.id, "pass"]));
    const broken = checklist.items[137];
    if (!broken) throw new Error("fixture has 250 items");
    own.set(broken.id, "fail");
    const checks = new Map([
      [
        broken.id,
        [
          checkResult({
            id: "queue",
            status: "fail",
            expectations: [{ expr: "lag < 5s", ok: false, actual: "9s" }],
          }),
        ],
      ],
    ]);
    const text = renderText(toJsonReport(assessChecklist(checklist, own, checks)), { style: plain });
    const lines = text.split("\n");
    expect(lines.length).toBeLessThan(25);
    expect(lines.filter((l) => l.endsWith(" passed"))).toEqual([
      "    ✓ 50 passed",
      "    ✓ 50 passed",
      "    ✓ 49 passed",
      "    ✓ 50 passed",
      "    ✓ 50 passed",
    ]);
    expect(text).toContain(
      "    ✗ fail     Item 2.37  checklist.md:148\n        check queue (http, 12ms): fail\n          lag 9s < 5s ✗\n",
    );
  });

  it("indents every line of a multi-line error, and lists items above the first heading", () => {
    const checklist = parseText("- [ ] builds\n\n# Later\n\n- [ ] other\n");
    const [builds] = checklist.items;
    if (!builds) throw new Error("fixture has items");
    const error = "npm test exited 1\nFAIL src/a.test.ts\n  expected 1 to be 2";
    const checks = new Map([
      [builds.id, [checkResult({ id: "unit", probe: "command", status: "error", error })]],
    ]);
    const text = renderText(
      toJsonReport(assessChecklist(checklist, new Map([[builds.id, "error"]]), checks)),
      {
        style: plain,
      },
    );
    expect(text).toContain(`(before the first heading)
  ! error    builds  checklist.md:1
      check unit (command, 12ms): error
        error: npm test exited 1
          FAIL src/a.test.ts
            expected 1 to be 2
Later`);
  });

  it("counts lint findings and points at `gonogo status` for them", () => {
    const checklist = parseText("# Launch\n\nStatus: READY FOR LAUNCH\n\n- [ ] a\n- [x] b\n");
    const text = renderText(toJsonReport({ ...assessChecklist(checklist), verdict: SAMPLE_VERDICT }), {
      style: plain,
    });
    expect(text).toContain("\nLint: 1 finding (1 warning); `gonogo status checklist.md` lists them\n");
  });

  it("says so when the document has no task items, and leaves out gates and verdict without a verdict", () => {
    const text = renderText(toJsonReport(assessChecklist(parseText("# Notes\n\nJust prose.\n"))), {
      style: plain,
    });
    expect(text).toBe(
      "Notes\nchecklist.md · 0 items · verified 0.0% · claimed 0.0%\n\nNo task items (- [ ] …) or checklist tables in this document: nothing to verify.\n",
    );
  });
});
