import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { JsonReport } from "../../src/report/json.js";
import { runCli } from "../support/run-cli.js";

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
    const report = JSON.parse(run.stdout) as JsonReport;
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
    const levels = JSON.parse(
      (await runCli(["status", "--json", fixture("table-levels.md")])).stdout,
    ) as JsonReport;
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
});
