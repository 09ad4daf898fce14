import { describe, expect, it } from "vitest";
import { planFor } from "../../test/support/config-file.js";
import type { ItemStatus } from "../core/item-status.js";
import { assessChecklist } from "./assessment.js";
import { decideVerdict } from "./gates.js";

function items(count: number, ticked: number): string {
  return `# L\n## Area\n${Array.from({ length: count }, (_, i) => `- [${i < ticked ? "x" : " "}] item ${i}`).join("\n")}\n`;
}

describe("decideVerdict", () => {
  it("compares the exact share: 17 of 20 (85%) meets 85%, 169 of 199 (84.9%) does not", async () => {
    const gate = "version: 1\ngates: { overall: 85% }\n";
    const meets = await planFor(items(20, 17), gate);
    expect(decideVerdict(assessChecklist(meets.checklist), meets)).toMatchObject({
      verdict: "GO",
      gates: [{ name: "overall", ok: true, actual: "85.0% (17/20 verified or claimed)", required: "≥ 85%" }],
    });
    const short = await planFor(items(199, 169), gate);
    expect(decideVerdict(assessChecklist(short.checklist), short)).toMatchObject({
      verdict: "NO-GO",
      gates: [
        {
          ok: false,
          actual: "84.9% (169/199 verified or claimed)",
          reason:
            '30 items not ready: "item 169" (line 172, open), "item 170" (line 173, open), "item 171" (line 174, open) and 27 more',
        },
      ],
    });
  });

  it("defaults to 100% of claims, counts only evidence with require: evidence, and fails on an empty section", async () => {
    const defaults = await planFor(items(2, 1), "version: 1\n");
    expect(decideVerdict(assessChecklist(defaults.checklist), defaults).verdict).toBe("NO-GO");
    const evidence = await planFor(
      items(2, 2),
      "version: 1\ngates: { require: evidence, sections: { L: 100% } }\n",
    );
    const verdict = decideVerdict(assessChecklist(evidence.checklist), evidence);
    expect(verdict.gates.map((g) => [g.name, g.ok, g.actual])).toEqual([
      ["overall", false, "0.0% (0/2 verified)"],
      ['section "L"', false, "0.0% (0/2 verified)"],
    ]);
    const empty = await planFor(
      "# L\n## Empty\ntext\n## Full\n- [x] a\n",
      "version: 1\ngates: { sections: { Empty: 50% } }\n",
    );
    expect(decideVerdict(assessChecklist(empty.checklist), empty).gates[1]).toMatchObject({
      ok: false,
      reason: "no items: nothing to go on",
    });
  });

  it("says NO-GO when a critical item fails, whatever the percentages", async () => {
    const plan = await planFor(
      items(10, 10),
      'version: 1\ngates: { overall: 50%, critical: [ "item 3" ] }\n',
    );
    const own = new Map<string, ItemStatus>([[plan.checklist.items[3]?.id ?? "", "fail"]]);
    const verdict = decideVerdict(assessChecklist(plan.checklist, own), plan);
    expect(verdict.verdict).toBe("NO-GO");
    expect(verdict.gates[1]).toMatchObject({
      name: "critical items",
      ok: false,
      reason: '"item 3" (line 6) is fail',
    });
  });

  it("says NO-GO for a critical item that is open, or only claimed under require: evidence", async () => {
    const verdictOf = async (ticked: number, require: string) => {
      const plan = await planFor(
        items(4, ticked),
        `version: 1\ngates: { overall: 50%, critical: [ "item 3" ], require: ${require} }\n`,
      );
      const own = new Map<string, ItemStatus>(plan.checklist.items.slice(0, 3).map((i) => [i.id, "pass"]));
      return decideVerdict(assessChecklist(plan.checklist, own), plan);
    };
    const open = await verdictOf(3, "claims");
    expect(open.verdict).toBe("NO-GO");
    expect(open.gates[1]).toMatchObject({
      name: "critical items",
      ok: false,
      actual: "1 of 1 not ready",
      reason: '"item 3" (line 6) is open',
    });
    expect((await verdictOf(4, "claims")).verdict).toBe("GO");
    const claimed = await verdictOf(4, "evidence");
    expect(claimed.gates[1]).toMatchObject({ ok: false, reason: '"item 3" (line 6) is claimed' });
  });

  it("holds a critical parent to its least ready child, whatever its own check says", async () => {
    const plan = await planFor(
      "# L\n## Area\n- [x] Backups\n  - [x] Nightly dump\n    - [x] Restore drill\n  - [x] Offsite copy\n- [x] Other\n",
      'version: 1\ngates: { overall: 50%, critical: [ "Backups" ] }\n',
    );
    const [backups, dump, drill] = plan.checklist.items;
    const own = new Map<string, ItemStatus>([
      [backups?.id ?? "", "pass"],
      [dump?.id ?? "", "pass"],
      [drill?.id ?? "", "fail"],
    ]);
    const verdict = decideVerdict(assessChecklist(plan.checklist, own), plan);
    expect(verdict.verdict).toBe("NO-GO");
    expect(verdict.gates[1]).toMatchObject({
      ok: false,
      reason: '"Backups" (line 3) is pass, but "Restore drill" (line 5) under it is fail',
    });
    // Waived children are left out, as for a parent's own status.
    own.set(drill?.id ?? "", "waived");
    expect(decideVerdict(assessChecklist(plan.checklist, own), plan).verdict).toBe("GO");
  });

  it("does not let a waiver make a critical item ready, and names the waiver in the gate", async () => {
    const plan = await planFor(
      items(4, 4),
      'version: 1\nwaivers:\n  - { item: "item 3", reason: "n/a", by: "ops", until: 2999-01-01 }\ngates: { critical: [ "item 3" ] }\n',
    );
    const own = new Map<string, ItemStatus>([[plan.checklist.items[3]?.id ?? "", "waived"]]);
    const verdict = decideVerdict(assessChecklist(plan.checklist, own), plan);
    expect(verdict.verdict).toBe("NO-GO");
    expect(verdict.gates[1]?.reason).toBe(
      '"item 3" (line 6) is waived: a critical item must be ready (take it out of gates.critical if it does not apply)',
    );
  });

  it("lets a section waived whole pass its gate: waived items are in no denominator", async () => {
    const plan = await planFor(
      "# L\n## Kubernetes (if using K8s)\n- [ ] Manifests\n- [ ] Helm charts\n## Core\n- [x] a\n",
      'version: 1\nwaivers:\n  - { item: "/Manifests|Helm/", reason: "VMs", by: "ops", until: 2999-01-01 }\ngates: { sections: { "Kubernetes (if using K8s)": 100% } }\n',
    );
    const own = new Map<string, ItemStatus>(plan.checklist.items.slice(0, 2).map((i) => [i.id, "waived"]));
    const verdict = decideVerdict(assessChecklist(plan.checklist, own), plan);
    expect(verdict.gates[1]).toMatchObject({ ok: true, actual: "all 2 items waived" });
    expect(verdict.verdict).toBe("GO");
  });
});
