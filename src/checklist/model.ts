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

/**
 * Where an item's tick is, so write-back can rewrite it and nothing else. A task item's tick is
 * the one byte between its brackets. A table item's tick is the mark in its status cell, with the
 * two spellings of that mark's form (`☐`/`☑`, `&#9744;`/`&#9745;`, `[ ]`/`[x]`, `✅`/`❌`, `Yes`/`No`);
 * `char` is always one of them ("" for an empty status cell, written into on ticking).
 */
export interface Tick {
  /** Byte offset of the tick's first byte (task items: the character between the brackets). */
  offset: number;
  /** The tick as written: " ", "\t", "x" or "X" for a task item; the whole mark for a table item. */
  char: string;
  /** Table items only: this form's ticked and unticked spellings. */
  spellings?: { checked: string; unchecked: string };
}

/** A GFM task-list item, or a row of a table read as a checklist (`form: "table"`). */
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
  /** null for a table row without a status cell (a `Name | Priority` table): open, never written. */
  tick: Tick | null;
  targets: Target[];
  form: "task" | "table";
  /** `level:B`, `priority:critical`, ...: from Level/Priority cells, per-level columns, `#tag` and `(P0)` in text. */
  tags: string[];
}

/** A GFM table and how it was read: as checklist items or as data, and why. */
export interface TableNote {
  line: number;
  section: string | null;
  header: string[];
  readAs: "items" | "data";
  reason: string;
  items: number;
}

/**
 * The readiness levels the document names, first rung first, in the order first written
 * (`Level C | Level B | Level A`: C first). Cumulative when no item carries two levels: then each
 * level requires the rungs before it too.
 */
export interface LevelLadder {
  levels: string[];
  cumulative: boolean;
}

/** A heading or paragraph that is not a task item's own text: what lint reads for claims and totals. */
export interface ProseBlock {
  kind: "heading" | "paragraph" | "table-row";
  line: number;
  /** Plain text, one entry per source line of the block (a table row is one line). */
  lines: string[];
  /** A table row's cells, as plain text. */
  cells?: string[];
  /**
   * Headings and paragraphs: `lines` without what links say, one entry per line (`[Production-Ready
   * Microservices](…)` is a title, not the document saying it is ready). What lint reads for claims.
   */
  statement?: string[];
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
  tables: TableNote[];
  levelLadder: LevelLadder | null;
}
