import type { ChecklistSource } from "./source.js";
import type { Target } from "./targets.js";

/** A heading and what is under it; sections nest by level. */
export interface Section {
  id: string;
  title: string;
  level: number;
  /** 1-based line of the heading in the original file. */
  line: number;
  parent: string | null;
}

/** Where an item's tick character is, so write-back can rewrite that one byte. */
export interface Tick {
  /** Byte offset of the character between the brackets. */
  offset: number;
  /** The character as written: " ", "\t", "x" or "X". */
  char: string;
}

/** One GFM task-list item. */
export interface Item {
  id: string;
  /** Plain text: formatting removed, mojibake repaired, whitespace collapsed. */
  text: string;
  /** 1-based line of the list marker. */
  line: number;
  section: string | null;
  parent: string | null;
  children: string[];
  checked: boolean;
  tick: Tick;
  targets: Target[];
}

/** A heading or paragraph that is not a task item's own text: what lint reads for claims and totals. */
export interface ProseBlock {
  kind: "heading" | "paragraph" | "table-row";
  line: number;
  /** Plain text, one entry per source line of the block (a table row is one line). */
  lines: string[];
  /** A table row's cells, as plain text. */
  cells?: string[];
  section: string | null;
}

/** A place in the document waiting for (or holding) an approval, e.g. `**Sign-off:** ____ Date: ____`. */
export interface SignoffSlot {
  line: number;
  label: string;
  /** The role the slot names ("Engineering Lead"), or null for a plain section sign-off. */
  role: string | null;
  /** The section the slot approves: the outermost section that ends where the slot stands. */
  section: string | null;
  filled: boolean;
  value: string | null;
}

export interface Checklist {
  source: ChecklistSource;
  title: string | null;
  sections: Section[];
  items: Item[];
  prose: ProseBlock[];
  signoffSlots: SignoffSlot[];
}
