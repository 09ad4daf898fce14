import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBytes, parseText } from "../../test/support/checklist-bytes.js";

const load = (name: string) =>
  parseBytes(
    new Uint8Array(readFileSync(new URL(`../../test/fixtures/checklists/${name}`, import.meta.url))),
    name,
  );
const rows = (name: string) => load(name).items.map((i) => [i.line, i.form, i.checked, i.text, i.tags]);

describe("tables read as checklist items", () => {
  it("reads ballot boxes (characters and entities) with the <details> summary as the item text", () => {
    expect(rows("table-ballot-details.md")).toEqual([
      [9, "table", true, "Retries back off with jitter", []],
      [10, "table", false, "Circuit breaker opens after 20% errors in 1 minute", []],
      [11, "table", true, "Dead-letter queue is drained by an owner", []],
      [17, "table", false, "Runbook covers the failover drill", []],
      [18, "table", true, "On-call rota has two people per week", []],
      [19, "table", false, "Alert routes reach the pager", []],
      [21, "table", false, "Logs are kept for 30 days", []],
      [23, "table", true, "Audit events are shipped off the host", []],
    ]);
    const { tables } = load("table-ballot-details.md");
    expect(tables.map((t) => [t.line, t.readAs, t.items, t.reason])).toEqual([
      [7, "items", 3, "status column 1 (untitled) holds ticks"],
      [15, "items", 3, 'status column "Done" holds ticks'],
      [21, "items", 2, "status column 1 (untitled) holds ticks"],
    ]);
  });

  it("reads Name | Level and Check | Priority | Status tables, and tags in task items", () => {
    expect(rows("table-priority.md")).toEqual([
      [7, "table", false, "Export job is idempotent", ["priority:critical"]],
      [8, "table", false, "Failed exports page the on-call", ["priority:critical"]],
      [9, "table", false, "Export finishes within 15 minutes", ["priority:should"]],
      [10, "table", false, "CSV columns documented", ["priority:nice"]],
      [11, "table", false, "Dashboards for export lag", ["priority:p0"]],
      [17, "table", true, "Finance approved the file format", ["priority:critical"]],
      [18, "table", false, "Sample file validated by the bank", ["priority:should"]],
      [19, "table", true, "Retention policy agreed", ["priority:nice"]],
      [23, "task", true, "Backfill script tested on staging #critical", ["priority:critical"]],
      [24, "task", false, "Export bucket encrypted at rest (P0)", ["priority:p0"]],
      [25, "task", false, "Tidy old export folders #nice-to-have", ["priority:nice"]],
      [26, "task", false, "Ticket #4521 closed", []],
    ]);
    const checklist = load("table-priority.md");
    expect(checklist.items[0]?.tick).toBeNull();
    expect(checklist.tables.map((t) => t.reason)).toEqual([
      'checklist-shaped: name column "Name" with "Level" column',
      'status column "Status" holds ticks',
    ]);
  });

  it("reads per-level ✅ columns as level tags, in ladder order", () => {
    const checklist = load("table-levels.md");
    expect(rows("table-levels.md")).toEqual([
      [9, "table", true, "Health endpoint returns 200", ["level:C", "level:B", "level:A"]],
      [10, "table", true, "Logs are structured JSON", ["level:C", "level:B", "level:A"]],
      [11, "table", false, "p99 latency < 400ms under peak load", ["level:B", "level:A"]],
      [12, "table", true, "Error budget policy agreed", ["level:B", "level:A"]],
      [13, "table", false, "Multi-region failover tested", ["level:A"]],
      [14, "table", false, "Chaos test run this quarter", ["level:A"]],
    ]);
    expect(checklist.levelLadder).toEqual({ levels: ["C", "B", "A"], cumulative: false });
    expect(checklist.items[2]?.targets).toEqual([
      { metric: "p99 latency", op: "<", value: 400, unit: "ms", text: "< 400ms" },
    ]);
    const ladder = parseText(
      "## Levels\n| Check | Level 1 | Level 2 |\n|---|---|---|\n| a | x | |\n| b | | x |\n",
    ).levelLadder;
    expect(ladder).toEqual({ levels: ["1", "2"], cumulative: true });
  });

  it("reads a level-column table without a status column: every row open, tagged with the levels that mark it", () => {
    const checklist = load("table-level-columns.md");
    expect(rows("table-level-columns.md")).toEqual([
      [12, "table", false, "Health endpoint", ["level:C", "level:B", "level:A"]],
      [13, "table", false, "Structured logs", ["level:C", "level:B", "level:A"]],
      [14, "table", false, "Dependency pinning", ["level:B", "level:A"]],
      [15, "table", false, "Runbook per alert", ["level:B", "level:A"]],
      [16, "table", false, "Game day", ["level:A"]],
      [22, "table", false, "TLS between services", ["level:C", "level:B", "level:A"]],
      [23, "table", false, "Secret rotation", ["level:B", "level:A"]],
      [24, "table", false, "External pen test", ["level:A"]],
    ]);
    expect(checklist.items.every((i) => i.tick === null)).toBe(true);
    expect(checklist.tables.map((t) => [t.line, t.readAs, t.reason])).toEqual([
      [
        10,
        "items",
        'checklist-shaped: name column "Check name" with per-level columns "Level C", "Level B", "Level A"',
      ],
      [
        20,
        "items",
        'checklist-shaped: name column "Check name" with per-level columns "Level C", "Level B", "Level A"',
      ],
    ]);
    expect(checklist.levelLadder).toEqual({ levels: ["C", "B", "A"], cumulative: false });
  });

  it("reads emoji shortcodes in headings as markup: plain section titles and ids", () => {
    const checklist = load("table-level-columns.md");
    expect(checklist.sections.map((s) => [s.id, s.title])).toEqual([
      ["ledger-api-production-levels", "Ledger API — Production Levels"],
      ["ledger-api-production-levels/maintainability", "Maintainability"],
      ["ledger-api-production-levels/maintainability/security", "Security"],
    ]);
    expect(checklist.items[0]?.id).toBe("ledger-api-production-levels/maintainability/health-endpoint");
    // Only whole `:name:` words are shortcodes; a heading that is nothing else keeps its text.
    const titles = (md: string) => parseText(md).sections.map((s) => s.title);
    expect(titles("# Step 1: Setup: DNS :rocket:\n## :rocket:\n## At 10:30:00 UTC\n")).toEqual([
      "Step 1: Setup: DNS",
      ":rocket:",
      "At 10:30:00 UTC",
    ]);
  });

  it("reads other level words as columns: medals, release stages, tiers, MoSCoW priorities", () => {
    const checklist = load("table-level-words.md");
    expect(rows("table-level-words.md")).toEqual([
      [9, "table", false, "Dashboards for the four golden signals", ["level:Bronze"]],
      [10, "table", false, "SLO alerts page the on-call", ["level:Silver"]],
      [11, "table", false, "Error budget policy agreed", ["level:Silver"]],
      [12, "table", false, "Failover to a second region in < 5 minutes", ["level:Gold"]],
      [18, "table", false, "Backups restore in staging", ["priority:critical"]],
      [19, "table", false, "Canary release for every deploy", ["priority:should"]],
      [20, "table", false, "Feature flags for risky paths", ["priority:nice"]],
    ]);
    expect(checklist.levelLadder).toEqual({ levels: ["Bronze", "Silver", "Gold"], cumulative: true });
    expect(checklist.tables.map((t) => [t.line, t.readAs, t.reason])).toEqual([
      [
        7,
        "items",
        'checklist-shaped: name column "Requirement" with per-level columns "Bronze", "Silver", "Gold"',
      ],
      [16, "items", 'checklist-shaped: name column "Task" with per-level columns "Must", "Should", "Could"'],
      [26, "data", "per-level columns hold descriptions, not marks: read as a maturity matrix"],
      [
        33,
        "data",
        "no status cell and no checklist shape (a name column with a status, level or priority column)",
      ],
    ]);
    const tagsOf = (md: string) => parseText(md).items.map((i) => i.tags);
    expect(tagsOf("# R\n| Check | MVP | GA |\n|---|---|---|\n| a | yes | yes |\n| b | | Y |\n")).toEqual([
      ["level:MVP", "level:GA"],
      ["level:GA"],
    ]);
    expect(
      tagsOf("# R\n| Item | Tier 1 | Tier 2 | Tier 3 |\n|---|---|---|---|\n| a | | ✓ | 99.9% |\n"),
    ).toEqual([["level:2", "level:3"]]);
    expect(
      tagsOf("# R\n| Check | Level C (basic) | Level B |\n|---|---|---|\n| a | ✅ (if public) | ✅ |\n"),
    ).toEqual([["level:C", "level:B"]]);
    expect(
      tagsOf("# R\n| Control | Required | Recommended | Optional |\n|---|---|---|---|\n| a | | ✔️ | |\n"),
    ).toEqual([["priority:should"]]);
  });

  it("reads a level-column table that has no heading above it ('#Title' without a space is no heading)", () => {
    const doc = parseText(
      "#Service checks\n\n| Check name | Short Description | Level B | Level A |\n|---|---|---|---|\n| [Config in env](https://example.com/env) | Config from the environment | | :white_check_mark: |\n",
    );
    expect(doc.items.map((i) => [i.text, i.section, i.tags])).toEqual([["Config in env", null, ["level:A"]]]);
  });

  it("orders the ladder by the level columns, whichever row marks a level first", () => {
    const doc = parseText(
      "# R\n| Check | Level C | Level B | Level A |\n|---|---|---|---|\n| a | | | ✅ |\n| b | ✅ | ✅ | ✅ |\n",
    );
    expect(doc.levelLadder).toEqual({ levels: ["C", "B", "A"], cumulative: false });
  });

  it("leaves tables of data as tables: contacts, a ✅/❌ comparison, yes/no settings, change history", () => {
    const checklist = load("table-data.md");
    expect(checklist.items.map((i) => [i.line, i.form])).toEqual([
      [26, "task"],
      [27, "task"],
    ]);
    expect(checklist.tables.map((t) => [t.line, t.readAs])).toEqual([
      [5, "data"],
      [12, "data"],
      [19, "data"],
      [31, "data"],
    ]);
    expect(checklist.tables[1]?.reason).toBe(
      "several columns of ticks, none headed as the status: read as a comparison table",
    );
    expect(checklist.prose.filter((p) => p.kind === "table-row")).toHaveLength(11);
  });

  it("needs a heading for a table without a status cell, and a status header for words", () => {
    expect(parseText("| Name | Priority |\n|---|---|\n| a | P1 |\n").items).toEqual([]);
    expect(
      parseText("# T\n| Item | Status |\n|---|---|\n| a | Done |\n| b | todo |\n").items.map(
        (i) => i.checked,
      ),
    ).toEqual([true, false]);
    expect(parseText("# T\n| Item | Owner |\n|---|---|\n| a | no |\n").items).toEqual([]);
  });

  it("reads M/O columns under any headers as levels, Y/N/tbd/N/A as the status, and skips a number column for the name", () => {
    const checklist = load("table-release-stages.md");
    const all = ["level:internal pilot", "level:partner rollout", "level:general availability"];
    expect(rows("table-release-stages.md")).toEqual([
      [7, "table", true, "Export contract published", all],
      [8, "table", false, "Load test at twice the peak", all.slice(1)],
      [9, "table", false, "Runbook reviewed by on-call", all.slice(2)],
      [10, "table", false, "Retention period approved by legal", all],
      [11, "table", false, "Status page entry", all.slice(2)],
      [12, "table", true, "Pager rota agreed", all],
      [18, "table", true, "Walk the support team through the runbook", []],
      [19, "table", false, "Move the alerts to the shared channel", []],
    ]);
    // `<br>` in a header reads as a space; the ladder keeps the columns' order.
    expect(checklist.tables[0]?.header.slice(2, 5)).toEqual([
      "internal pilot",
      "partner rollout",
      "general availability",
    ]);
    expect(checklist.levelLadder).toEqual({
      levels: ["internal pilot", "partner rollout", "general availability"],
      cumulative: false,
    });
    // Ticking writes the column's own spelling: Y over N, tbd, N/A or an empty cell; y over n.
    expect(checklist.items.slice(0, 6).map((i) => [i.tick?.char, i.tick?.spellings])).toEqual([
      ["Y", { checked: "Y", unchecked: "N" }],
      ["N", { checked: "Y", unchecked: "N" }],
      ["tbd", { checked: "Y", unchecked: "tbd" }],
      ["N/A", { checked: "Y", unchecked: "N/A" }],
      ["", { checked: "Y", unchecked: "" }],
      ["y", { checked: "y", unchecked: "n" }],
    ]);
    // One column of M/O is a setting, not a ladder.
    expect(checklist.tables.map((t) => [t.line, t.readAs])).toEqual([
      [5, "items"],
      [16, "items"],
      [23, "data"],
    ]);
  });

  it("reads an Item | Status table nobody has filled in as open items, and leaves tallies and reviewer tables as data", () => {
    const checklist = load("table-empty-status.md");
    expect(rows("table-empty-status.md")).toEqual([
      [7, "table", false, "Admin accounts reviewed this quarter", []],
      [8, "table", false, "MFA enforced for production access", []],
      [9, "table", false, "Leavers removed within a day", []],
      [15, "table", false, "Audit log kept for a year", []],
      [16, "table", false, "Log writes alert on failure", []],
    ]);
    // The empty cell is where a tick goes.
    expect(checklist.items[0]?.tick).toMatchObject({ char: "", spellings: { checked: "☑", unchecked: "" } });
    expect(checklist.tables.map((t) => [t.line, t.readAs, t.reason])).toEqual([
      [5, "items", 'name column "Item" with an empty status column "Status": every row open'],
      [13, "items", 'name column "Item" with an empty status column "Status": every row open'],
      [
        20,
        "data",
        "no status cell and no checklist shape (a name column with a status, level or priority column)",
      ],
      [
        27,
        "data",
        "no status cell and no checklist shape (a name column with a status, level or priority column)",
      ],
    ]);
    // Without a heading the shape is too weak: a table of names and an empty status stays data.
    expect(parseText("| Item | Status |\n|---|---|\n| a | |\n").items).toEqual([]);
  });

  it("gives table items ids like task items, suffixed on collision", () => {
    const doc = parseText("# T\n- [ ] a\n\n| | Item |\n|---|---|\n| ☐ | a |\n| ☑ | b |\n");
    expect(doc.items.map((i) => i.id)).toEqual(["t/a", "t/a-2", "t/b"]);
  });
});
