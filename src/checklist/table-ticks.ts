/**
 * The tick marks a table cell can hold, and how each is written the other way round in the same
 * form: a ballot-box character stays a character, an entity stays an entity (decimal or hex, as
 * written), `[ ]` stays brackets. Each family pairs a ticked and an unticked spelling.
 */
export interface CellTick {
  /** The mark as written in the cell, e.g. "☐", "&#9745;", "[X]", "✅", "Done". */
  text: string;
  checked: boolean;
  /** "strong" marks (ballot boxes, entities, brackets) make a status column under any header. */
  kind: "strong" | "symbol" | "word";
  /** The same form's spellings for ticked and unticked, `text` being one of them. */
  spellings: { checked: string; unchecked: string };
}

interface Family {
  pattern: RegExp;
  kind: CellTick["kind"];
  /** Ticked or not, and the pair of spellings, from the matched text. */
  read(text: string): { checked: boolean; checkedSpelling: string; uncheckedSpelling: string };
}

const pair = (checked: boolean, checkedSpelling: string, uncheckedSpelling: string) => ({
  checked,
  checkedSpelling,
  uncheckedSpelling,
});

// ☐ U+2610, ☑ U+2611, ☒ U+2612: one UTF-8 byte apart (E2 98 90/91/92).
const BALLOT_CHAR = "☐";
const FAMILIES: Family[] = [
  {
    pattern: /^[☐☑☒]\uFE0F?/u,
    kind: "strong",
    read: (t) =>
      t.startsWith(BALLOT_CHAR) ? pair(false, `☑${t.slice(1)}`, t) : pair(true, t, `☐${t.slice(1)}`),
  },
  {
    pattern: /^&#(?:974[456]|[xX]261[012]);/,
    kind: "strong",
    read: (t) => {
      const digit = t.at(-2) ?? "";
      const stem = t.slice(0, -2);
      // &#9744; / &#x2610; are the empty box; the last digit moves by one, never the form.
      const empty = digit === "4" || digit === "0";
      const emptyDigit = /[xX]/.test(t) ? "0" : "4";
      const fullDigit = /[xX]/.test(t) ? "1" : "5";
      return empty ? pair(false, `${stem}${fullDigit};`, t) : pair(true, t, `${stem}${emptyDigit};`);
    },
  },
  {
    pattern: /^\[[ xX]\]/,
    kind: "strong",
    read: (t) => (t === "[ ]" ? pair(false, "[x]", t) : pair(true, t, "[ ]")),
  },
  // ✅ U+2705 / ❌ U+274C; ✔ U+2714 / ✘ U+2718; ✓ U+2713 / ✗ U+2717; ☑️ handled above.
  {
    pattern: /^(?:✅|❌|❎|✔\uFE0F?|✘|✓|✗|✖\uFE0F?)/u,
    kind: "symbol",
    read: (t) => {
      const ticked = /^[✅✔✓]/u.test(t);
      const other: Record<string, string> = {
        "✅": "❌",
        "❌": "✅",
        "❎": "✅",
        "✔": "✘",
        "✘": "✔",
        "✓": "✗",
        "✗": "✓",
        "✖": "✔",
      };
      const base = t.replace(/\uFE0F$/u, "");
      const swapped = other[base] ?? "";
      return ticked ? pair(true, t, swapped) : pair(false, swapped, t);
    },
  },
  {
    pattern:
      /^:(?:white_check_mark|heavy_check_mark|ballot_box_with_check|x|negative_squared_cross_mark|white_large_square):/,
    kind: "symbol",
    read: (t) => {
      const ticked = /check/.test(t);
      return ticked
        ? pair(true, t, t === ":white_check_mark:" ? ":x:" : ":white_large_square:")
        : pair(false, ":white_check_mark:", t);
    },
  },
  // Words under a status header. "Y"/"N" are the short yes/no of release checklists; "tbd" and
  // "N/A" say not done and have no opposite of their own: ticking one writes the column's mark.
  {
    pattern: /^(?:yes|no|done|todo|to do|pending|tbd|n\/a|y|n)(?![\p{L}\p{N}/])/iu,
    kind: "word",
    read: (t) => {
      const ticked = /^(?:yes|y|done)$/i.test(t);
      const other = (word: string) => matchCase(word, t);
      if (/^(?:yes|no)$/i.test(t)) return ticked ? pair(true, t, other("no")) : pair(false, other("yes"), t);
      if (/^[yn]$/i.test(t)) return ticked ? pair(true, t, other("n")) : pair(false, other("y"), t);
      if (/^(?:tbd|n\/a)$/i.test(t)) return pair(false, "", t);
      return ticked ? pair(true, t, other("todo")) : pair(false, other("done"), t);
    },
  },
];

/** "done" written in the case of `like`: "Todo" -> "Done", "NO" -> "YES". */
function matchCase(word: string, like: string): string {
  if (like === like.toUpperCase() && like !== like.toLowerCase()) return word.toUpperCase();
  if (like[0] === like[0]?.toUpperCase()) return `${word[0]?.toUpperCase() ?? ""}${word.slice(1)}`;
  return word;
}

/**
 * The tick a cell starts with, if any: `alone` when it is the whole cell, otherwise the rest of
 * the cell is text (a ballot box in front of the item's `<details>`). Only strong marks may lead text.
 */
export function readCellTick(raw: string): { tick: CellTick; column: number; alone: boolean } | null {
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  for (const family of FAMILIES) {
    const match = family.pattern.exec(body);
    if (!match) continue;
    const text = match[0];
    const alone = text.length === body.length;
    if (!alone && family.kind !== "strong") return null;
    const { checked, checkedSpelling, uncheckedSpelling } = family.read(text);
    return {
      tick: {
        text,
        checked,
        kind: family.kind,
        spellings: { checked: checkedSpelling, unchecked: uncheckedSpelling },
      },
      column: lead,
      alone,
    };
  }
  return null;
}
