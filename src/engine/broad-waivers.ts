import { compileItemSpec, describeBroadSpec } from "./match-items.js";
import type { Plan } from "./plan.js";

/**
 * One warning per waiver in gonogo.yml whose item spec covers several items, each listed by name
 * and line, critical ones marked: `gonogo.yml:14:5 waivers[0]: "/o/" covers 3 items: ...`.
 */
export function broadWaiverWarnings(plan: Plan): string[] {
  const { items } = plan.checklist;
  const mark = (item: { id: string }) => (plan.critical.has(item.id) ? "critical" : null);
  return plan.config.config.waivers.flatMap((waiver, i) => {
    const matcher = compileItemSpec(waiver.item, items);
    if ("error" in matcher) return [];
    const broad = describeBroadSpec(waiver.item, items.filter(matcher), mark);
    return broad === null
      ? []
      : [
          `${plan.config.locate(["waivers", i])} waivers[${i}].item: ${broad}; write one waiver per item if that is not meant`,
        ];
  });
}
