import { GonogoError } from "../errors.js";
import type { Item } from "./model.js";

export interface TickChange {
  item: Pick<Item, "id" | "line" | "tick">;
  checked: boolean;
}

const CHECKED = 0x78; // "x"
const UNCHECKED = 0x20; // " "

/**
 * Returns a copy of `bytes` with the given items' tick characters set: one byte per changed item
 * and nothing else. An item already in the wanted state keeps its own character (an "X" stays "X").
 */
export function writeTicks(bytes: Uint8Array, changes: TickChange[]): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (const { item, checked } of changes) {
    const { offset } = item.tick;
    const current = out[offset];
    const isTick = current === 0x20 || current === 0x09 || current === 0x78 || current === 0x58;
    if (current === undefined || !isTick || out[offset - 1] !== 0x5b || out[offset + 1] !== 0x5d) {
      throw new GonogoError(
        "write-conflict",
        `line ${item.line}: no tick at byte ${offset} (item ${item.id}); the file changed since it was read`,
      );
    }
    const wasChecked = current === 0x78 || current === 0x58;
    if (wasChecked !== checked) out[offset] = checked ? CHECKED : UNCHECKED;
  }
  return out;
}
