import type { Token } from "markdown-it";
import { inlineText } from "./inline-text.js";
import { readLevelCell } from "./level-columns.js";
import type { Item, ProseBlock, TableNote, Tick } from "./model.js";
import { repairMojibake } from "./mojibake.js";
import { byteOffsetAt, type ChecklistSource } from "./source.js";
import { splitRawCells } from "./table-cells.js";
import { readTableShape, type TableGrid, type TableShape } from "./table-shape.js";
import { readCellTick } from "./table-ticks.js";
import { levelOrPriorityTag, tagsInText } from "./tags.js";
import { findTargets } from "./targets.js";

interface TableRow {
  /** 0-based source line. */
  line: number;
  header: boolean;
  inlines: Token[];
}

/** The rows of the table opening at `tokens[start]`, and the index of its `table_close`. */
export function collectTableRows(tokens: Token[], start: number): { rows: TableRow[]; end: number } {
  const rows: TableRow[] = [];
  let header = false;
  let k = start + 1;
  for (; k < tokens.length && tokens[k]?.type !== "table_close"; k++) {
    const token = tokens[k] as Token;
    if (token.type === "thead_open") header = true;
    else if (token.type === "thead_close") header = false;
    else if (token.type === "tr_open") rows.push({ line: token.map?.[0] ?? 0, header, inlines: [] });
    else if (token.type === "inline") rows.at(-1)?.inlines.push(token);
  }
  return { rows, end: k };
}

/** A cell's item text: the `<summary>` of a `<details>` when there is one, a leading ballot box dropped. */
function nameText(inline: Token | undefined, dropLeadingTick: boolean): string {
  const children = inline?.children ?? [];
  const open = children.findIndex((c) => c.type === "html_inline" && /^<summary\b/i.test(c.content));
  const close = children.findIndex(
    (c, i) => i > open && c.type === "html_inline" && /^<\/summary/i.test(c.content),
  );
  let text = inlineText(inline);
  if (inline && open >= 0) {
    const summary = Object.assign(Object.create(Object.getPrototypeOf(inline)), inline, {
      children: children.slice(open + 1, close >= 0 ? close : undefined),
    }) as Token;
    text = inlineText(summary);
  }
  if (dropLeadingTick) text = text.replace(/^(?:[☐☑☒]\uFE0F?|\[[ xX]\])\s*/u, "");
  return text;
}

export interface TableReading {
  note: TableNote;
  /** Items without ids (the walk allocates them), one per body row with a name. */
  items: Omit<Item, "id">[];
  /** The rows as prose, for a table of data (sign-off slots and claims are read from these). */
  prose: ProseBlock[];
  /** The levels its per-level columns name, in column order (`["C", "B", "A"]`): the ladder's order. */
  levels: string[];
}

/** Reads one table: as checklist items when its shape says so (see readTableShape), as prose rows otherwise. */
export function readTable(source: ChecklistSource, rows: TableRow[], section: string | null): TableReading {
  const rawCells = (row: TableRow) => splitRawCells(source.lines[row.line] ?? "");
  const headerRow = rows.find((r) => r.header);
  // GFM makes the first row the header; a list of `☐ <details>…` rows with no header row of its own
  // puts its first item there.
  const headerIsItem =
    headerRow !== undefined && rawCells(headerRow).some((c) => readCellTick(c.text)?.tick.kind === "strong");
  const body = rows.filter((r) => !r.header || headerIsItem);
  const header = headerIsItem
    ? (headerRow?.inlines ?? []).map(() => "")
    : (headerRow?.inlines ?? []).map((t) => inlineText(t));
  const grid: TableGrid = {
    header,
    underHeading: section !== null,
    rows: body.map((row) => {
      const raw = rawCells(row);
      return {
        plain: row.inlines.map((t) => inlineText(t)),
        raw: row.inlines.map((_, c) => raw[c]?.text ?? null),
      };
    }),
  };
  const shape = readTableShape(grid);
  const line = (rows[0]?.line ?? 0) + 1;
  const note = (items: number): TableNote => ({
    line,
    section,
    header,
    readAs: shape.items ? "items" : "data",
    reason: shape.reason,
    items,
  });
  if (!shape.items) {
    const prose = rows.map((row): ProseBlock => {
      const cells = row.inlines.map((t) => inlineText(t));
      return { kind: "table-row", line: row.line + 1, lines: [cells.join(" | ")], cells, section };
    });
    return { note: note(0), items: [], prose, levels: [] };
  }
  // An empty status cell is ticked with the mark its column uses elsewhere (☑ when none is written).
  const statusRaw = grid.rows.map((r) => r.raw[shape.status ?? -1] ?? "");
  const columnMark = statusRaw.map((raw) => readCellTick(raw)?.tick.spellings.checked).find((m) => m) ?? "☑";
  const items = body.flatMap((row) => {
    const item = rowItem(source, row, shape, section, columnMark);
    return item ? [item] : [];
  });
  const levels = shape.levels.flatMap(({ tag }) =>
    tag.startsWith("level:") ? [tag.slice("level:".length)] : [],
  );
  return { note: note(items.length), items, prose: [], levels };
}

function rowItem(
  source: ChecklistSource,
  row: TableRow,
  shape: TableShape,
  section: string | null,
  columnMark: string,
): Omit<Item, "id"> | null {
  const text = nameText(row.inlines[shape.name ?? 0], shape.tickLeadsName);
  if (text === "") return null;
  const raw = splitRawCells(source.lines[row.line] ?? "");
  const tick = shape.status === null ? null : rowTick(source, row.line, raw[shape.status], columnMark);
  const tags: string[] = [];
  if (shape.priority !== null) {
    const tag = levelOrPriorityTag(repairMojibake(inlineText(row.inlines[shape.priority])));
    if (tag) tags.push(tag);
  }
  for (const { column, tag } of shape.levels) {
    if (readLevelCell(inlineText(row.inlines[column])) === "required") tags.push(tag);
  }
  tags.push(...tagsInText(text));
  return {
    text,
    line: row.line + 1,
    section,
    parent: null,
    children: [],
    checked: tick !== null && tick.char !== "" && tick.char === tick.spellings?.checked,
    tick,
    targets: findTargets(text),
    form: "table",
    tags: [...new Set(tags)],
  };
}

function rowTick(
  source: ChecklistSource,
  line: number,
  cell: { text: string; column: number } | undefined,
  columnMark: string,
): Tick | null {
  if (!cell) return null;
  const read = readCellTick(cell.text);
  if (!read) {
    // An empty status cell: nothing ticked yet; ticking writes the mark after the cell's first space.
    const at = cell.column + (cell.text.startsWith(" ") ? 1 : 0);
    return {
      offset: byteOffsetAt(source, line, at),
      char: "",
      spellings: { checked: columnMark, unchecked: "" },
    };
  }
  // A word with no opposite of its own ("tbd", "N/A") is ticked with the column's mark ("Y").
  const { checked, unchecked } = read.tick.spellings;
  return {
    offset: byteOffsetAt(source, line, cell.column + read.column),
    char: read.tick.text,
    spellings: { checked: checked || columnMark, unchecked },
  };
}
