import type { Checklist } from "./model.js";
import { parseChecklist } from "./parse-checklist.js";
import { readChecklistSource } from "./source.js";

export type {
  Checklist,
  Item,
  LevelLadder,
  ProseBlock,
  Section,
  SignoffSlot,
  TableNote,
  Tick,
} from "./model.js";
export { parseChecklist } from "./parse-checklist.js";
export {
  type ChecklistSource,
  decodeChecklistSource,
  readChecklistBytes,
  readChecklistSource,
} from "./source.js";
export type { Target, TargetOp } from "./targets.js";
export { type TickChange, writeTicks } from "./write-ticks.js";

/** Reads and parses a checklist file (GonogoError, exit 2, for a missing, directory or binary file). */
export async function loadChecklist(path: string): Promise<Checklist> {
  return parseChecklist(await readChecklistSource(path));
}
export { itemsBySection } from "./items-by-section.js";
export { itemsAtLevel, itemsTagged, knownTags, type TagsOf } from "./tag-selection.js";
