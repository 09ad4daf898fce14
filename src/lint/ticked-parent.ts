import type { LintContext, LintRule } from "./finding.js";

/** A ticked item whose children are not all ticked: the tick claims more than the list shows. */
export const tickedParent: LintRule = ({ checklist }: LintContext) => {
  const byId = new Map(checklist.items.map((i) => [i.id, i]));
  return checklist.items
    .filter((item) => item.checked && item.children.some((c) => byId.get(c)?.checked === false))
    .map((item) => {
      const open = item.children.filter((c) => byId.get(c)?.checked === false).length;
      return {
        rule: "ticked-parent",
        line: item.line,
        severity: "warning" as const,
        message: `"${item.text}" is ticked but ${open} of its ${item.children.length} sub-items are open`,
      };
    });
};
