import { describe, expect, it } from "vitest";
import { parseText } from "../../test/support/checklist-bytes.js";
import { checkResult } from "../../test/support/sample-assessment.js";
import { assessChecklist } from "../verdict/assessment.js";
import { renderHtml } from "./html.js";
import { toJsonReport } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { createStyle } from "./style.js";
import { renderText } from "./text.js";

/** A waived item whose check failed: the waiver takes it out of the scores, never out of sight. */
function waivedOverFailure() {
  const checklist = parseText("# L\n## Ops\n- [x] Restore drill done\n- [x] Logs shipped\n");
  const [drill] = checklist.items;
  const id = drill?.id ?? "";
  const failed = checkResult({
    id: "drill",
    probe: "command",
    status: "fail",
    expectations: [{ expr: "exit_code == 0", ok: false, actual: "3" }],
  });
  return assessChecklist(checklist, new Map([[id, "waived"]]), new Map([[id, [failed]]]));
}

describe("a waived item's failed check in every report", () => {
  const assessment = waivedOverFailure();

  it("text: under the item, with a note that the check did not pass", () => {
    const text = renderText(toJsonReport(assessment), { style: createStyle(false) });
    expect(text).toMatch(
      /- waived\s+Restore drill done — waived, but its check did not pass .*\n\s+check drill \(command, 12ms\): fail\n\s+exit_code 3 == 0 ✗/,
    );
  });

  it("markdown: in a list of its own, with the evidence", () => {
    const markdown = renderMarkdown(toJsonReport(assessment));
    expect(markdown).toContain("### Waived items whose checks did not pass (1)");
    expect(markdown).toContain("- ➖ **Restore drill done** · waived, but its check did not pass");
    expect(markdown).toContain("exit_code 3 == 0 ✗");
  });

  it("html: the evidence open, never summed up as held; junit: the failure in the skip message", () => {
    const html = renderHtml(toJsonReport(assessment));
    expect(html).toContain("<details open><summary>evidence: waived, but its check did not pass</summary>");
    expect(html).not.toContain("expectation held");
    expect(renderJunit(toJsonReport(assessment))).toContain(
      'skipped message="waived, but its check did not pass: check drill: exit_code 3 == 0 ✗"',
    );
  });
});
