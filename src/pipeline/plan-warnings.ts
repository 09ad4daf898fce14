import { broadWaiverWarnings } from "../engine/broad-waivers.js";
import type { Plan } from "../engine/plan.js";
import type { EventSink } from "./events.js";

/**
 * Says what in gonogo.yml's waivers needs a person's eye: a waiver past its date (it counts for
 * nothing, or an item would silently count again) and one whose spec covers several items.
 */
export function warnAboutWaivers(plan: Plan, sink: EventSink): void {
  const text = new Map(plan.checklist.items.map((item) => [item.id, item.text]));
  for (const [itemId, waiver] of plan.waivers) {
    if (waiver.expired)
      sink.warn(
        "waiver-expired",
        `waiver of "${text.get(itemId) ?? itemId}" in ${plan.config.path} expired ${waiver.until}: it no longer waives the item`,
      );
  }
  for (const warning of broadWaiverWarnings(plan)) sink.warn("broad-waiver", warning);
}
