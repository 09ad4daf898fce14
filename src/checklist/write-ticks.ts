import { GonogoError } from "../core/errors.js";
import type { Item, Tick } from "./model.js";

export interface TickChange {
  item: Pick<Item, "id" | "line" | "tick">;
  checked: boolean;
}

const CHECKED = 0x78; // "x"
const UNCHECKED = 0x20; // " "
const encoder = new TextEncoder();

function conflict(item: TickChange["item"], offset: number): GonogoError {
  return new GonogoError(
    "conflict",
    `line ${item.line}: no tick at byte ${offset} (item ${item.id}); the file changed since it was read`,
  );
}

/** A task item's tick: the one byte between `[` and `]`, set in place. */
function setTaskTick(out: Uint8Array, { item, checked }: TickChange, offset: number): void {
  const current = out[offset];
  const isTick = current === 0x20 || current === 0x09 || current === 0x78 || current === 0x58;
  if (current === undefined || !isTick || out[offset - 1] !== 0x5b || out[offset + 1] !== 0x5d) {
    throw conflict(item, offset);
  }
  const wasChecked = current === 0x78 || current === 0x58;
  if (wasChecked !== checked) out[offset] = checked ? CHECKED : UNCHECKED;
}

interface Splice {
  offset: number;
  length: number;
  bytes: Uint8Array;
}

/** A table item's tick: its mark replaced by the other spelling of the same form, or null when already right. */
function tableSplice(bytes: Uint8Array, { item, checked }: TickChange, tick: Tick): Splice | null {
  const spellings = tick.spellings ?? { checked: "x", unchecked: " " };
  const written = encoder.encode(tick.char);
  const current = bytes.subarray(tick.offset, tick.offset + written.length);
  if (tick.offset + written.length > bytes.length || !current.every((b, i) => b === written[i])) {
    throw conflict(item, tick.offset);
  }
  if ((tick.char === spellings.checked) === checked) return null;
  return {
    offset: tick.offset,
    length: written.length,
    bytes: encoder.encode(checked ? spellings.checked : spellings.unchecked),
  };
}

/**
 * Returns a copy of `bytes` with the given items' ticks set and nothing else changed. A task
 * item's tick is one byte ("x" or " "; an item already in the wanted state keeps its own "X").
 * A table item's mark becomes the other spelling of its own form: `☐`↔`☑`, `&#9744;`↔`&#9745;`,
 * `&#x2610;`↔`&#x2611;`, `[ ]`↔`[x]`, `✔`↔`✘` and `✓`↔`✗` change one byte each; `✅`↔`❌` two bytes of
 * the same length; `:white_check_mark:`↔`:x:`, `Yes`↔`No`, `Done`↔`Todo` and an empty status cell
 * change the file's length by the difference of the two spellings.
 */
export function writeTicks(bytes: Uint8Array, changes: TickChange[]): Uint8Array {
  const out = Uint8Array.from(bytes);
  const splices: Splice[] = [];
  for (const change of changes) {
    const tick = change.item.tick;
    if (!tick) {
      throw new GonogoError(
        "conflict",
        `line ${change.item.line}: item ${change.item.id} has no status cell to tick`,
      );
    }
    if (!tick.spellings) setTaskTick(out, change, tick.offset);
    else {
      const splice = tableSplice(out, change, tick);
      if (splice) splices.push(splice);
    }
  }
  return applySplices(out, splices);
}

/** Same-length splices are written in place; others rebuild the buffer once, in offset order. */
function applySplices(out: Uint8Array, splices: Splice[]): Uint8Array {
  if (splices.every((s) => s.length === s.bytes.length)) {
    for (const s of splices) out.set(s.bytes, s.offset);
    return out;
  }
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const s of [...splices].sort((a, b) => a.offset - b.offset)) {
    parts.push(out.subarray(at, s.offset), s.bytes);
    at = s.offset + s.length;
  }
  parts.push(out.subarray(at));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const result = new Uint8Array(total);
  let pos = 0;
  for (const part of parts) {
    result.set(part, pos);
    pos += part.length;
  }
  return result;
}
