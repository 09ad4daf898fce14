import { describe, expect, it } from "vitest";
import { planFor } from "../../test/support/config-file.js";
import { checkResult } from "../../test/support/sample-assessment.js";
import type { CheckResult } from "../core/check-result.js";
import type { ItemStatus } from "../core/item-status.js";
import type { JsonReport } from "../model/report.js";
import { toJsonReport } from "../report/json.js";
import { assessChecklist } from "./assessment.js";
import { decideVerdict } from "./gates.js";
import { recheckReport } from "./recheck-report.js";

const CHECKLIST = `# Launch
## Data
- [x] Backups configured
  - [x] Restore drill done
- [x] Logs shipped
## Ops
- [ ] Runbook reviewed
- [x] Pager tested
`;

/** A report as gonogo verify writes it: the drill's check failed, so the run is NO-GO. */
async function verifiedReport(): Promise<JsonReport> {
  const plan = await planFor(
    CHECKLIST,
    'version: 1\ngates: { overall: 50%, sections: { Ops: 50% }, critical: [ "Backups configured" ] }\n',
  );
  const [backups, drill, logs] = plan.checklist.items;
  const failed = checkResult({
    id: "drill",
    status: "fail",
    expectations: [{ expr: "exit_code == 0", ok: false, actual: "3" }],
  });
  const passed = checkResult({
    id: "logs",
    status: "pass",
    expectations: [{ expr: "status == 200", ok: true, actual: "200" }],
  });
  const own = new Map<string, ItemStatus>([
    [backups?.id ?? "", "pass"],
    [drill?.id ?? "", "fail"],
    [logs?.id ?? "", "pass"],
  ]);
  const checks = new Map<string, CheckResult[]>([
    [backups?.id ?? "", [{ ...passed, id: "backups" }]],
    [drill?.id ?? "", [failed]],
    [logs?.id ?? "", [passed]],
  ]);
  const assessment = assessChecklist(plan.checklist, own, checks);
  const verdict = decideVerdict(assessment, plan);
  return toJsonReport({ ...assessment, verdict, complete: true, critical: plan.critical });
}

/** The report with some of its parts edited by hand. */
function edited(report: JsonReport, edit: (copy: JsonReport) => void): JsonReport {
  const copy = structuredClone(report);
  edit(copy);
  return copy;
}

describe("recheckReport", () => {
  it("finds nothing to object to in a report as verify wrote it", async () => {
    const report = await verifiedReport();
    expect(report.verdict).toBe("NO-GO");
    expect(recheckReport(report)).toEqual([]);
  });

  it("catches a verdict edited to GO over failing gates", async () => {
    const report = edited(await verifiedReport(), (r) => {
      r.verdict = "GO";
    });
    expect(recheckReport(report)).toEqual(['verdict is GO, but gate "critical items" not ok']);
  });

  it("catches a gate turned ok by hand, reason and all, from the items it covers", async () => {
    const report = edited(await verifiedReport(), (r) => {
      r.verdict = "GO";
      for (const gate of r.gates ?? []) Object.assign(gate, { ok: true, reason: "met" });
    });
    expect(recheckReport(report)).toEqual([
      'gate "critical items" says ok; its items give not ok ("Backups configured" (line 3) is pass, but "Restore drill done" (line 4) under it is fail)',
    ]);
  });

  it("catches an item's status edited over its failed check, and the summaries that no longer add up", async () => {
    const report = edited(await verifiedReport(), (r) => {
      const drill = r.items.find((i) => i.text === "Restore drill done");
      if (drill) drill.status = "pass";
    });
    const found = recheckReport(report);
    expect(found).toContain('item "Restore drill done" (line 4) is pass, but its checks give fail');
    expect(found).toContain("summary.fail says 1; the items give 0");
    expect(found).toContain('section "Data" summary.pass says 2; the items give 3');
    expect(found).toContain(
      'gate "overall" says 60.0% (3/5 verified or claimed); its items give 80.0% (4/5 verified or claimed), ok',
    );
  });

  it("catches a percentage gate whose requirement was edited, and a tick that was never there", async () => {
    // 1 of 2 meets the 50% the config asked for; it does not meet 90%, whatever the gate says.
    const figures = edited(await verifiedReport(), (r) => {
      const ops = r.gates?.find((g) => g.name === 'section "Ops"');
      if (ops) Object.assign(ops, { required: "≥ 90%" });
    });
    expect(recheckReport(figures)).toEqual([
      'gate section "Ops" says 50.0% (1/2 verified or claimed); its items give 50.0% (1/2 verified or claimed), not ok (1 item not ready: "Runbook reviewed" (line 7, open))',
    ]);
    const ticked = edited(await verifiedReport(), (r) => {
      const runbook = r.items.find((i) => i.text === "Runbook reviewed");
      if (runbook) runbook.status = "claimed";
    });
    expect(recheckReport(ticked)).toContain(
      'item "Runbook reviewed" (line 7) is claimed, but no check ran for it and it is not ticked',
    );
  });
});
