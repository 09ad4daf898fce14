import type { Checklist, ChecklistSource, SignoffSlot } from "../checklist/index.js";
import { type SignoffState, sameRole } from "./signoffs.js";

/** One blank run of underscores in a slot's line, replaced by a signature. */
interface Splice {
  offset: number;
  length: number;
  text: string;
}

// A name is written as text, never as Markdown: `_` or `*` in it must not start emphasis.
const escapeMarkdown = (text: string) => text.replace(/[\\`*_[\]<>|]/g, "\\$&");

/** The latest valid sign-off that fits a slot: its section, and its role when the slot names one. */
export function signoffFor(
  slot: Pick<SignoffSlot, "section" | "role">,
  signoffs: SignoffState[],
): SignoffState | undefined {
  return signoffs
    .filter(
      (s) => s.valid && s.sectionId === slot.section && (slot.role === null || sameRole(slot.role, s.role)),
    )
    .sort((a, b) => a.at.localeCompare(b.at))
    .at(-1);
}

/** Byte splices filling one blank slot line: `____ Date: ____` takes the name, then the date. */
function slotSplices(source: ChecklistSource, slot: SignoffSlot, signoff: SignoffState): Splice[] {
  const index = slot.line - 1;
  const line = source.lines[index];
  const start = source.lineStarts[index];
  if (line === undefined || start === undefined) return [];
  const who = escapeMarkdown(slot.role === null ? `${signoff.by} (${signoff.role})` : signoff.by);
  const date = signoff.at.slice(0, 10);
  const blanks = [...line.matchAll(/_{3,}/g)];
  const [first, ...rest] = blanks;
  if (!first) return [];
  const dateBlank = rest.find((b) => /Date:\s*$/i.test(line.slice(0, b.index)));
  const byteAt = (column: number) => start + Buffer.byteLength(line.slice(0, column), "utf8");
  const splice = (match: RegExpExecArray | RegExpMatchArray, text: string): Splice => ({
    offset: byteAt(match.index ?? 0),
    length: match[0].length,
    text,
  });
  return dateBlank ? [splice(first, who), splice(dateBlank, date)] : [splice(first, `${who} Date: ${date}`)];
}

/**
 * Fills the document's blank sign-off slots from valid sign-offs: the underscores of each slot
 * become `Ana Diaz (Security Lead)` and the date; every other byte stays as it was. UTF-8
 * documents only (a Windows-1252 one is left alone). Returns the bytes and how many slots it filled.
 */
export function fillSignoffSlots(
  checklist: Checklist,
  bytes: Uint8Array,
  signoffs: SignoffState[],
): { bytes: Uint8Array; filled: number } {
  if (checklist.source.encoding !== "utf-8") return { bytes, filled: 0 };
  const splices: Splice[] = [];
  let filled = 0;
  for (const slot of checklist.signoffSlots) {
    const signoff = slot.filled ? undefined : signoffFor(slot, signoffs);
    const more = signoff ? slotSplices(checklist.source, slot, signoff) : [];
    if (more.length > 0) filled += 1;
    splices.push(...more);
  }
  if (splices.length === 0) return { bytes, filled: 0 };
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const s of splices.sort((a, b) => a.offset - b.offset)) {
    parts.push(bytes.subarray(at, s.offset), encoder.encode(s.text));
    at = s.offset + s.length;
  }
  parts.push(bytes.subarray(at));
  return { bytes: Buffer.concat(parts), filled };
}
