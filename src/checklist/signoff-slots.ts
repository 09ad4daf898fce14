import type { ProseBlock, Section, SignoffSlot } from "./model.js";

/**
 * Finds approval slots in prose and table rows:
 *   `**Sign-off:** ____ Date: ____`            -> label "Sign-off", role null (the section's sign-off)
 *   `- Engineering Lead: ____`                 -> role "Engineering Lead"
 *   `| Deployed By | ____ |`, `**Verified By:** ____` -> role "Deployed By" / "Verified By"
 *   `**Sign-off:** Ana Diaz (Security Lead) Date: 2026-11-22` -> a filled slot
 */
const GENERIC_LABEL = /^(?:sign[- ]?off|signed[- ]off(?: by)?|signature|approved by|approval)$/i;
const ROLE_LABEL =
  /\b(?:lead|manager|owner|engineer|officer|director|head|reviewer|approver|architect|vp|cto|ceo|ciso|sre|on-call|by)$/i;
const BLANK = /^_{3,}/;
const FILLED_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
// "Ana Diaz", "J. O'Neil": two or more capitalised words. Placeholders ("TBD", "[Name]") are not names.
const PERSON_NAME = /^[A-Z][\p{L}.'-]+(?:\s+[A-Z][\p{L}.'-]+)+/u;

/** A value that is a signature: a date for any slot; for a plain "Sign-off:", a person's name too. */
function looksSigned(value: string, generic: boolean): boolean {
  return FILLED_DATE.test(value) || (generic && PERSON_NAME.test(value));
}
const LABELLED_LINE = /^([A-Za-z][\w /&.()-]{0,60}?)\s*:\s*(.*)$/;

interface SlotFields {
  label: string;
  value: string;
}

function slotFromFields({ label, value }: SlotFields): Omit<SignoffSlot, "line" | "section"> | null {
  const cleanLabel = label.trim();
  const generic = GENERIC_LABEL.test(cleanLabel);
  if (!generic && !ROLE_LABEL.test(cleanLabel)) return null;
  const trimmed = value.trim();
  const blank = BLANK.test(trimmed);
  // A label alone ("Approved by:") heads a list of slots; it is not a slot itself. A role with a
  // value is a slot only once filled the way sign-offs are ("Ana Diaz 2026-11-22"): otherwise
  // "**Owner**: Platform team" or "Team Lead: [Name] - [Phone]" would pass for approvals.
  if (!blank && (trimmed === "" || !looksSigned(trimmed, generic))) return null;
  const filledValue = blank ? null : trimmed.replace(/\s+Date:\s*_+\s*$/i, "");
  return { label: cleanLabel, role: generic ? null : cleanLabel, filled: !blank, value: filledValue };
}

function fieldsOf(block: ProseBlock, text: string): SlotFields | null {
  if (block.kind === "table-row") {
    // Tables list people and contacts too ("| On-call Engineer | @oncall |"): only a blank cell is a slot.
    const [label = "", value = ""] = block.cells ?? [];
    return BLANK.test(value.trim()) || value.trim() === "" ? { label, value: value.trim() || "___" } : null;
  }
  const match = LABELLED_LINE.exec(text);
  return match ? { label: match[1] ?? "", value: match[2] ?? "" } : null;
}

/** Slots with their line; `section` is filled in by `assignSlotSections`. */
export function findSignoffSlots(prose: ProseBlock[]): SignoffSlot[] {
  const slots: SignoffSlot[] = [];
  for (const block of prose) {
    if (block.kind === "heading") continue;
    block.lines.forEach((text, offset) => {
      const fields = fieldsOf(block, text);
      const slot = fields ? slotFromFields(fields) : null;
      if (slot) slots.push({ ...slot, line: block.line + offset, section: block.section });
    });
  }
  return slots;
}

/**
 * A slot at the end of a section approves the outermost section that ends there: a
 * `**Sign-off:**` after the last `### CI/CD` item, followed by `## 2. Security`, signs off
 * `## 1. Infrastructure`, not just `CI/CD`.
 */
export function assignSlotSections(slots: SignoffSlot[], sections: Section[]): SignoffSlot[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  return slots.map((slot) => {
    const next = sections[firstSectionAfter(sections, slot.line)];
    // At the end of the file nothing closes an outer section: the slot approves its own.
    const endLevel = next?.level ?? Number.POSITIVE_INFINITY;
    let section = slot.section ? byId.get(slot.section) : undefined;
    while (section?.parent) {
      const parent = byId.get(section.parent);
      if (!parent || parent.level < endLevel) break;
      section = parent;
    }
    return { ...slot, section: section?.id ?? slot.section };
  });
}

/** Index of the first section whose heading is below `line` (sections are in document order). */
function firstSectionAfter(sections: Section[], line: number): number {
  // A binary search: a scan per slot is quadratic on a document with thousands of sign-off slots.
  let low = 0;
  let high = sections.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sections[middle]?.line ?? 0) > line) high = middle;
    else low = middle + 1;
  }
  return low;
}
