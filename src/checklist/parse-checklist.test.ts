import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBytes, parseText } from "../../test/support/checklist-bytes.js";

const fixture = readFileSync(new URL("../../test/fixtures/checklists/ledger-sync.md", import.meta.url));
const checklist = parseBytes(new Uint8Array(fixture), "ledger-sync.md");

describe("parseChecklist on the ledger-sync fixture", () => {
  it("finds every task item at its line, and nothing in code, HTML comments or plain bullets", () => {
    expect(checklist.items.map((i) => i.line)).toEqual([12, 13, 14, 15, 16, 19, 20, 28, 29, 30, 32, 33, 35]);
    expect(checklist.items.some((i) => /fenced|indented|commented|Plain bullet|No space/.test(i.text))).toBe(
      false,
    );
  });

  it("reads ticks in every marker style: -, *, ordered, upper-case X, block quotes", () => {
    const ticked = checklist.items.filter((i) => i.checked).map((i) => i.line);
    expect(ticked).toEqual([12, 13, 14, 15, 19, 28, 33]);
    expect(checklist.items.find((i) => i.line === 19)?.tick?.char).toBe("X");
  });

  it("keeps plain text: code spans unwrapped, mojibake repaired", () => {
    expect(checklist.items[0]?.text).toBe("/healthz returns 200 within 250ms");
    expect(checklist.items.find((i) => i.line === 33)?.text).toBe("Hit rate ≥90% on the balance cache");
    expect(checklist.sections.find((s) => s.line === 9)?.title).toBe("1. Service Health ✅");
    expect(checklist.sections.find((s) => s.line === 26)?.title).toBe("2. Data Safety ✅");
  });

  it("links children to their parent item", () => {
    const parent = checklist.items.find((i) => i.line === 14);
    expect(parent?.children).toHaveLength(2);
    expect(checklist.items.find((i) => i.line === 16)?.parent).toBe(parent?.id);
    expect(checklist.items.find((i) => i.line === 12)?.parent).toBeNull();
  });

  it("nests sections by level, ATX and setext alike", () => {
    expect(checklist.sections.map((s) => [s.level, s.title])).toEqual([
      [1, "Ledger Sync — Launch Readiness"],
      [2, "Status: ✅ ALL CHECKS COMPLETE - READY FOR LAUNCH"],
      [2, "1. Service Health ✅"],
      [3, "Endpoints"],
      [3, "Capacity"],
      [2, "2. Data Safety ✅"],
      [2, "Setext Heading For Notes"],
    ]);
    const endpoints = checklist.sections[3];
    expect(endpoints?.parent).toBe(checklist.sections[2]?.id);
    expect(checklist.title).toBe("Ledger Sync — Launch Readiness");
  });

  it("gives stable, unique ids from the section path and text, suffixed only on collision", () => {
    const ids = checklist.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe(
      "ledger-sync-launch-readiness/1-service-health/endpoints/healthz-returns-200-within-250ms",
    );
    expect(ids.filter((id) => id.includes("restore-drill"))).toEqual([
      "ledger-sync-launch-readiness/2-data-safety/restore-drill-finished-in-under-45-minutes",
      "ledger-sync-launch-readiness/2-data-safety/restore-drill-finished-in-under-45-minutes-2",
    ]);
    const edited = parseText(
      `${fixture.toString().replace("# Ledger Sync", "Intro paragraph.\n\n# Ledger Sync")}`,
    );
    expect(edited.items.map((i) => i.id)).toEqual(ids);
  });

  it("records sign-off slots with their role and the section they approve", () => {
    expect(checklist.signoffSlots.map((s) => [s.line, s.label, s.role, s.section, s.filled])).toEqual([
      [22, "Sign-off", null, "ledger-sync-launch-readiness/1-service-health", false],
      [
        54,
        "Engineering Lead",
        "Engineering Lead",
        "ledger-sync-launch-readiness/setext-heading-for-notes",
        false,
      ],
      [55, "Security Lead", "Security Lead", "ledger-sync-launch-readiness/setext-heading-for-notes", false],
    ]);
  });

  it("extracts targets from item text", () => {
    const p95 = checklist.items.find((i) => i.line === 14);
    expect(p95?.targets).toEqual([
      { metric: "p95 latency", op: "<", value: 300, unit: "ms", text: "<300ms" },
    ]);
  });

  it("reads a filled sign-off slot as filled, with the name", () => {
    const signed = parseText(
      "## Security\n- [x] a\n\n**Sign-off:** Ana Diaz (Security Lead) Date: 2026-11-22\n",
    );
    expect(signed.signoffSlots[0]).toMatchObject({
      filled: true,
      value: "Ana Diaz (Security Lead) Date: 2026-11-22",
    });
  });

  it("puts items above the first heading in no section", () => {
    const doc = parseText("- [ ] before\n\n# Title\n- [x] after\n");
    expect(doc.items.map((i) => i.section)).toEqual([null, "title"]);
  });

  it("reads an ordered list starting at 10 after indented code as CommonMark does (remark does not)", () => {
    expect(parseText("    code\n\n10. [ ] deploy\n").items.map((i) => i.text)).toEqual(["deploy"]);
  });
});

/** `depth` task items, each the only child of the one above (two spaces more per level). */
function nestedItems(depth: number): string {
  const lines = Array.from({ length: depth }, (_, d) => `${"  ".repeat(d)}- [ ] step ${d + 1}`);
  return `# Deep\n${lines.join("\n")}\n`;
}

describe("parseChecklist on deeply nested items", () => {
  it.each([50, 60, 499])(
    "counts all %i items of a list nested that deep, each the child of the one above",
    (depth) => {
      const { items } = parseText(nestedItems(depth));
      expect(items).toHaveLength(depth);
      expect(items.at(-1)).toMatchObject({
        text: `step ${depth}`,
        line: depth + 1,
        parent: items.at(-2)?.id,
      });
    },
  );

  it.each([
    ["lists", nestedItems(2000), 501],
    ["block quotes", `# Quoted\n- [ ] first\n${">".repeat(5000)} - [ ] buried\n`, 3],
  ])(
    "refuses %s nested past what it reads, naming the file and line, rather than count fewer items",
    (_, text, line) => {
      expect(() => parseText(text, "deep.md")).toThrow(
        expect.objectContaining({
          name: "GonogoError",
          kind: "input",
          message: `deep.md:${line}: lists or block quotes nested deeper than gonogo reads (about 500 lists inside each other); flatten the document`,
        }),
      );
    },
  );
});
