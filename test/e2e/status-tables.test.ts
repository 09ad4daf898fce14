import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, stdoutReport } from "../support/run-cli.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/checklists/${name}`, import.meta.url));

describe("gonogo status on checklist tables", () => {
  it("scores per level on a per-level ✅ table", async () => {
    const run = await runCli(["status", fixture("table-levels.md")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("6 items · 3 ticked");
    expect(run.stdout).toMatch(/level:C\s+█+\s+2\/2\s+100\.0%/);
    expect(run.stdout).toMatch(/level:B\s+█+░+\s+3\/4\s+75\.0%/);
    expect(run.stdout).toMatch(/level:A\s+█+░+\s+3\/6\s+50\.0%/);
  });

  it("scores per priority, most pressing first", async () => {
    const run = await runCli(["status", fixture("table-priority.md")]);
    const lines = run.stdout.split("\n").filter((l) => l.startsWith("priority:"));
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([
      "priority:critical",
      "priority:should",
      "priority:nice",
      "priority:p0",
    ]);
    expect(lines[0]).toMatch(/2\/4\s+50\.0%/);
  });

  it("--json marks each item's form and tags, and says which tables were read as items and why", async () => {
    const run = await runCli(["status", "--json", fixture("table-data.md")]);
    const report = stdoutReport(run);
    expect(report.items.map((i) => [i.line, i.form, i.tags])).toEqual([
      [26, "task", []],
      [27, "task", []],
    ]);
    expect(report.tables?.map((t) => [t.line, t.readAs, t.items])).toEqual([
      [5, "data", 0],
      [12, "data", 0],
      [19, "data", 0],
      [31, "data", 0],
    ]);
    const levels = stdoutReport(await runCli(["status", "--json", fixture("table-levels.md")]));
    expect(levels.items[2]).toMatchObject({
      line: 11,
      form: "table",
      tags: ["level:B", "level:A"],
      checked: false,
    });
    expect(levels.tables?.[0]).toMatchObject({
      line: 7,
      readAs: "items",
      items: 6,
      reason: 'status column "Status" holds ticks',
    });
    // The same scores as the terminal view, per level in ladder order.
    expect(
      levels.tagScores?.map((t) => [t.tag, t.summary.applicable, t.summary.claimed, t.summary.claimedPct]),
    ).toEqual([
      ["level:C", 2, 2, 100],
      ["level:B", 4, 3, 75],
      ["level:A", 6, 3, 50],
    ]);
  });

  it("reads a level-column table with no status column: every row an open item, tagged and scored per level", async () => {
    const run = await runCli(["status", fixture("table-level-columns.md")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("8 items · 0 ticked");
    // Emoji shortcodes in headings are markup: the sections read as their plain names.
    expect(run.stdout).toMatch(/\n {2}Maintainability\s+░+\s+0\/8/);
    expect(run.stdout).toMatch(/\n {4}Security\s+░+\s+0\/3/);
    expect(run.stdout).not.toContain(":wrench:");
    expect(run.stdout).toMatch(/level:C\s+░+\s+0\/3\s+0\.0%/);
    expect(run.stdout).toMatch(/level:B\s+░+\s+0\/6\s+0\.0%/);
    expect(run.stdout).toMatch(/level:A\s+░+\s+0\/8\s+0\.0%/);

    const report = stdoutReport(await runCli(["status", "--json", fixture("table-level-columns.md")]));
    expect(report.summary).toMatchObject({ items: 8, open: 8, claimed: 0 });
    // "will prepare you to run production-ready services" and a book's title in a link claim nothing.
    expect(report.lint).toEqual([]);
    expect(report.items.map((i) => [i.line, i.text, i.status, i.tags])).toEqual([
      [12, "Health endpoint", "open", ["level:C", "level:B", "level:A"]],
      [13, "Structured logs", "open", ["level:C", "level:B", "level:A"]],
      [14, "Dependency pinning", "open", ["level:B", "level:A"]],
      [15, "Runbook per alert", "open", ["level:B", "level:A"]],
      [16, "Game day", "open", ["level:A"]],
      [22, "TLS between services", "open", ["level:C", "level:B", "level:A"]],
      [23, "Secret rotation", "open", ["level:B", "level:A"]],
      [24, "External pen test", "open", ["level:A"]],
    ]);
    expect(report.sections.map((s) => [s.id, s.title])).toEqual([
      ["ledger-api-production-levels", "Ledger API — Production Levels"],
      ["ledger-api-production-levels/maintainability", "Maintainability"],
      ["ledger-api-production-levels/maintainability/security", "Security"],
    ]);
    expect(report.items[5]?.section).toBe("ledger-api-production-levels/maintainability/security");
    expect(
      report.tagScores?.map((t) => [t.tag, t.summary.applicable, t.summary.open, t.summary.claimedPct]),
    ).toEqual([
      ["level:C", 3, 3, 0],
      ["level:B", 6, 6, 0],
      ["level:A", 8, 8, 0],
    ]);
  });

  it("gates: { level: B } on a level-column table is NO-GO with every row open; sections gate by plain name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gonogo-levels-"));
    try {
      copyFileSync(fixture("table-level-columns.md"), join(dir, "checklist.md"));
      writeFileSync(
        join(dir, "gonogo.yml"),
        'version: 1\ngates: { overall: 0%, level: B, sections: { "Security": 0% } }\n',
      );
      const run = await runCli(["verify", join(dir, "checklist.md"), "--format", "json"]);
      expect(run.code).toBe(1);
      const report = stdoutReport(run);
      expect(report.verdict).toBe("NO-GO");
      expect(report.gates?.map((g) => [g.name, g.ok, g.actual])).toEqual([
        ["overall", true, "0.0% (0/8 verified or claimed)"],
        ['section "Security"', true, "0.0% (0/3 verified or claimed)"],
        ["level B", false, "0.0% (0/6 verified or claimed)"],
      ]);
      expect(report.gates?.[2]?.reason).toContain('6 items not ready: "Health endpoint" (line 12, open)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads rung words and priority words as level columns, and leaves a maturity matrix and a plan comparison as data", async () => {
    const report = stdoutReport(await runCli(["status", "--json", fixture("table-level-words.md")]));
    expect(report.items.map((i) => [i.line, i.tags])).toEqual([
      [9, ["level:Bronze"]],
      [10, ["level:Silver"]],
      [11, ["level:Silver"]],
      [12, ["level:Gold"]],
      [18, ["priority:critical"]],
      [19, ["priority:should"]],
      [20, ["priority:nice"]],
    ]);
    // One mark per row: a cumulative ladder, Silver takes Bronze's rows too.
    expect(report.tagScores?.map((t) => [t.tag, t.summary.applicable])).toEqual([
      ["level:Bronze", 1],
      ["level:Silver", 3],
      ["level:Gold", 4],
      ["priority:critical", 1],
      ["priority:should", 1],
      ["priority:nice", 1],
    ]);
    expect(report.tables?.map((t) => [t.line, t.readAs])).toEqual([
      [7, "items"],
      [16, "items"],
      [26, "data"],
      [33, "data"],
    ]);
  });

  it("reads a release-stage table of M/O cells with a Y/N/tbd status: claimed on Y, open otherwise, gated per stage", async () => {
    const report = stdoutReport(await runCli(["status", "--json", fixture("table-release-stages.md")]));
    expect(report.summary).toMatchObject({ items: 8, claimed: 3, open: 5 });
    expect(report.items.slice(0, 6).map((i) => [i.line, i.text, i.status])).toEqual([
      [7, "Export contract published", "claimed"],
      [8, "Load test at twice the peak", "open"],
      [9, "Runbook reviewed by on-call", "open"],
      [10, "Retention period approved by legal", "open"],
      [11, "Status page entry", "open"],
      [12, "Pager rota agreed", "claimed"],
    ]);
    expect(report.tagScores?.map((t) => [t.tag, t.summary.applicable, t.summary.claimed])).toEqual([
      ["level:internal pilot", 3, 2],
      ["level:partner rollout", 4, 2],
      ["level:general availability", 6, 2],
    ]);

    const dir = mkdtempSync(join(tmpdir(), "gonogo-stages-"));
    try {
      copyFileSync(fixture("table-release-stages.md"), join(dir, "checklist.md"));
      writeFileSync(
        join(dir, "gonogo.yml"),
        'version: 1\ngates: { overall: 0%, level: "partner rollout" }\n',
      );
      const run = await runCli(["verify", join(dir, "checklist.md"), "--format", "json"]);
      expect(run.code).toBe(1);
      const verdict = stdoutReport(run);
      expect(verdict.verdict).toBe("NO-GO");
      expect(verdict.gates?.[1]?.name).toBe("level partner rollout");
      expect(verdict.gates?.[1]?.reason).toContain(
        '2 items not ready: "Load test at twice the peak" (line 8, open)',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads Item | Status tables left empty as open items, a tally and a reviewers table as data", async () => {
    const report = stdoutReport(await runCli(["status", "--json", fixture("table-empty-status.md")]));
    expect(report.summary).toMatchObject({ items: 5, open: 5, claimed: 0 });
    expect(report.tables?.map((t) => [t.line, t.readAs, t.items])).toEqual([
      [5, "items", 3],
      [13, "items", 2],
      [20, "data", 0],
      [27, "data", 0],
    ]);
  });
});
