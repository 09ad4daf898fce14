import { describe, expect, it } from "vitest";
import { parseText } from "../../test/support/checklist-bytes.js";
import { checkResult, SAMPLE_VERDICT, sampleAssessment } from "../../test/support/sample-assessment.js";
import { assessChecklist } from "../verdict/assessment.js";
import { toJsonReport } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { codeSpan, escapeMarkdown, fencedBlock } from "./markdown-escape.js";

/** The lines between a `### heading` and the next blank line. */
function block(markdown: string, heading: string): string[] {
  const lines = markdown.split("\n");
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no ${heading}`);
  const end = lines.indexOf("", start + 2);
  return lines.slice(start + 2, end < 0 ? undefined : end);
}

/** Cells of a table row, split on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe("renderMarkdown", () => {
  const markdown = renderMarkdown(toJsonReport(sampleAssessment()));

  it("opens with the verdict, its reason and the scores", () => {
    expect(markdown.split("\n").slice(0, 3)).toEqual([
      "## ❌ NO-GO: Launch Readiness",
      "",
      "**2 of 4 gates failed** · `checklist.md` · 9 items · verified 37.5% · claimed 50.0%",
    ]);
    const go = { verdict: "GO" as const, gates: SAMPLE_VERDICT.gates.map((g) => ({ ...g, ok: true })) };
    expect(renderMarkdown(toJsonReport(sampleAssessment(undefined, go)))).toMatch(
      /^## ✅ GO: Launch Readiness\n\n\*\*all 4 gates passed\*\*/,
    );
  });

  it("tables the gates and the sections with verified and claimed %", () => {
    expect(block(markdown, "### Gates")).toEqual([
      "| | Gate | Actual | Required | Reason |",
      "|:-:|---|---:|---:|---|",
      "| ❌ | overall | 50.0% (4/8 verified or claimed) | ≥ 85% | 4 items not ready |",
      '| ❌ | section "Security" | 50.0% (1/2 verified or claimed) | ≥ 100% | 1 item not ready |',
      '| ✅ | section "Operations" | 100.0% (2/2 verified or claimed) | ≥ 90% | met |',
      "| ✅ | critical items | none failing | no fail or error | met |",
    ]);
    expect(block(markdown, "### Sections")).toEqual([
      "| Section | Verified | Claimed | Verified items |",
      "|---|---:|---:|---:|",
      "| Launch Readiness | 37.5% | 50.0% | 3/8 |",
      "| &emsp;Security | 50.0% | 50.0% | 1/2 |",
      "| &emsp;Performance | 25.0% | 25.0% | 1/4 |",
      "| &emsp;Operations | 50.0% | 100.0% | 1/2 |",
      "| **Overall** | 37.5% | 50.0% | 3/8 |",
    ]);
  });

  it("lists the failing and erroring items with path:line and their evidence in a code block", () => {
    expect(block(markdown, "### Failing and erroring items (4)")).toEqual([
      "- ❌ **Rate limiting enabled on /api/\\*** · fail · `checklist.md:6`",
      "  ```",
      "  check rate-limit (http, 12ms): fail",
      "    status 200 == 429 ✗",
      "    latency 12ms < 300ms ✓",
      "  ```",
      "- ❌ **Load tests** · fail · `checklist.md:11` · decided by the items under it",
      "- ❌ **p95 latency \\< 300ms** · fail · `checklist.md:12`",
      "  ```",
      "  check load-offer (load, 5s): fail",
      "    p95 412ms < 300ms ✗",
      "  ```",
      "- ⚠️ **Health endpoint returns 200** · error · `checklist.md:14`",
      "  ```",
      "  check health (http, 3ms, 3 attempts): error",
      "    error: GET http://127.0.0.1:1/health: connection refused",
      "  ```",
    ]);
  });

  it("folds every item, nested under its parent, into <details>", () => {
    const details = markdown.slice(markdown.indexOf("<details>"));
    expect(details.split("\n").slice(0, 5)).toEqual([
      "<details>",
      "<summary>All 9 items</summary>",
      "",
      "| | Item | Status | Section | Line |",
      "|:-:|---|---|---|---:|",
    ]);
    expect(details).toContain("| ❌ | &emsp;p95 latency \\< 300ms | fail | Performance | 12 |\n");
    expect(details).toContain("| ❔ | On-call rota agreed | claimed | Operations | 19 |\n");
    expect(details.trimEnd().endsWith("</details>")).toBe(true);
    expect(details.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| |"))).toHaveLength(9);
  });

  it("escapes pipes and markup in item text so a table keeps its columns", () => {
    const hostile = "Use a | b, *not* _c_ or `d` <img src=x> [link](http://x) ~~gone~~ $x$ &amp; #1";
    const checklist = parseText(`# T | 1\n\n- [ ] ${hostile.replaceAll("`", "\\`")}\n`);
    const text = checklist.items[0]?.text ?? "";
    const output = renderMarkdown(toJsonReport(assessChecklist(checklist)));
    const row = output.split("\n").find((l) => l.startsWith("| ⬜ "));
    expect(row && cells(row)).toEqual(["⬜", escapeMarkdown(text), "open", "T \\| 1", "3"]);
    expect(escapeMarkdown("a | b *c* <img> [l](u) `d` ~e~ $f$ &g; \\h")).toBe(
      "a \\| b \\*c\\* \\<img\\> \\[l\\](u) \\`d\\` \\~e\\~ \\$f\\$ \\&g; \\\\h",
    );
  });

  it("fences evidence that itself holds backticks, and code-spans any path", () => {
    const checklist = parseText("# Build\n\n- [ ] builds\n");
    const [item] = checklist.items;
    if (!item) throw new Error("fixture has an item");
    const error = "exit 1\n```\nsyntax error near `fi`";
    const result = checkResult({ id: "build", probe: "command", status: "error", error });
    const output = renderMarkdown(
      toJsonReport(assessChecklist(checklist, new Map([[item.id, "error"]]), new Map([[item.id, [result]]]))),
    );
    expect(output).toContain(
      "  ````\n  check build (command, 12ms): error\n    error: exit 1\n      ```\n      syntax error near `fi`\n  ````\n",
    );
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`x`")).toBe("`` `x` ``");
    expect(fencedBlock(["plain"])).toEqual(["```", "plain", "```"]);
  });

  it("leaves out the verdict and gates when there is none", () => {
    const output = renderMarkdown(toJsonReport(assessChecklist(parseText("# Plan\n\n- [x] a\n"))));
    expect(output.split("\n").slice(0, 3)).toEqual([
      "## Plan",
      "",
      "`checklist.md` · 1 item · verified 0.0% · claimed 100.0%",
    ]);
    expect(output).not.toContain("### Gates");
    expect(output).not.toContain("### Failing");
  });
});
