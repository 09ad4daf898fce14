import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planFor } from "../../test/support/config-file.js";
import { assessChecklist } from "./assessment.js";
import { decideVerdict } from "./gates.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/checklists/${name}`, import.meta.url), "utf8");

async function gatesOf(checklist: string, config: string) {
  const plan = await planFor(checklist, config);
  return decideVerdict(assessChecklist(plan.checklist), plan);
}

describe("gates on levels and tags", () => {
  it("level: B requires every row level B marks (an explicit ladder: C's rows are marked at B too)", async () => {
    const verdict = await gatesOf(
      fixture("table-levels.md"),
      "version: 1\ngates: { overall: 0%, level: B }\n",
    );
    expect(verdict.verdict).toBe("NO-GO");
    expect(verdict.gates[1]).toMatchObject({
      name: "level B",
      ok: false,
      actual: "75.0% (3/4 verified or claimed)",
      required: "≥ 100%",
      reason: '1 item not ready: "p99 latency < 400ms under peak load" (line 11, open)',
    });
    const c = await gatesOf(fixture("table-levels.md"), "version: 1\ngates: { overall: 0%, level: C }\n");
    expect(c.verdict).toBe("GO");
    expect(c.gates[1]).toMatchObject({
      name: "level C",
      ok: true,
      actual: "100.0% (2/2 verified or claimed)",
    });
  });

  it("level: B on a cumulative ladder (one mark per row) takes level C's rows too", async () => {
    const doc = [
      "# Ladder",
      "| Check | Level C | Level B | Level A | Status |",
      "|---|---|---|---|---|",
      "| runbook | ✅ | | | ☑ |",
      "| alerts | | ✅ | | ☑ |",
      "| chaos | | | ✅ | ☐ |",
      "| backups | ✅ | | | ☐ |",
      "",
    ].join("\n");
    const verdict = await gatesOf(doc, "version: 1\ngates: { overall: 0%, level: B }\n");
    expect(verdict.gates[1]).toMatchObject({
      name: "level B",
      ok: false,
      actual: "66.7% (2/3 verified or claimed)",
    });
  });

  it("gates.tags scores each tag on its own, with tags from gonogo.yml added to the document's", async () => {
    const verdict = await gatesOf(
      fixture("table-priority.md"),
      [
        "version: 1",
        'tags: { "priority:critical": [ "Ticket #4521 closed" ] }',
        'gates: { overall: 0%, tags: { "priority:critical": 100%, "priority:should": 50% } }',
        "",
      ].join("\n"),
    );
    expect(verdict.gates.slice(1).map((g) => [g.name, g.ok, g.actual])).toEqual([
      ['tag "priority:critical"', false, "40.0% (2/5 verified or claimed)"],
      ['tag "priority:should"', false, "0.0% (0/2 verified or claimed)"],
    ]);
  });

  it("a level or tag no item carries is a config error naming the tags there are", async () => {
    await expect(
      planFor(fixture("table-levels.md"), "version: 1\ngates: { level: D, tags: { nope: 50% } }\n"),
    ).rejects.toMatchObject({
      details: [
        expect.stringMatching(
          /gates\.level: no item in .* is tagged for level D \(tags: level:C, level:B, level:A\)/,
        ),
        expect.stringMatching(/gates\.tags: no item in .* is tagged for tag "nope"/),
      ],
    });
  });
});
