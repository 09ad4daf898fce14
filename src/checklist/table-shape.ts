import { isRequirementColumn, levelColumnTag, readLevelCell } from "./level-columns.js";
import { type CellTick, readCellTick } from "./table-ticks.js";

/** A table as read: header texts and, per body row, each cell's plain text and raw source. */
export interface TableGrid {
  header: string[];
  rows: { plain: string[]; raw: (string | null)[] }[];
  underHeading: boolean;
}

/** Which columns hold what, and whether the rows are checklist items (with the reason, for the report). */
export interface TableShape {
  items: boolean;
  reason: string;
  name: number | null;
  status: number | null;
  /** The name column's cells start with the tick (`☐ <details>…`): the name is the rest of the cell. */
  tickLeadsName: boolean;
  /** A `Level`/`Priority` column whose values become tags. */
  priority: number | null;
  /** Per-level columns (`Level C | Level B | Level A`, `Must | Should`), in the order written, with the tag a mark gives. */
  levels: LevelColumn[];
}

/** One per-level column: a marked cell tags its row with `tag` (`level:B`, `priority:critical`). */
export interface LevelColumn {
  column: number;
  tag: string;
}

// "Check", or "Check name", "Checklist item", "Short description": a name word after at most two
// words that say which kind of name it is.
const NAME_HEADER =
  /^(?:(?:check|checklist|item|task|requirement|control|test|short|brief|acceptance|readiness|review)\s+){0,2}(?:name|item|items|check|checks|checkpoint|requirement|requirements|control|task|tasks|criteria|criterion|description|title|practice|area|topic|question)$/i;
const STATUS_HEADER =
  /^(?:|status|state|done|complete|completed|ready|checked|ticked|ok|result|[☐☑✓✔✅]\uFE0F?)$/iu;
const PRIORITY_HEADER =
  /^(?:level|priority|severity|importance|criticality|tier|moscow|required|requirement level)$/i;

const clean = (header: string) =>
  header
    .trim()
    .replace(/[*_:]+$/, "")
    .trim();

/** The tick column candidates: every non-empty cell a tick, at least one; words and symbols need a status header. */
function tickColumn(
  grid: TableGrid,
  column: number,
  anyHeader = false,
): { ticks: CellTick[]; leads: boolean } | null {
  const statusHeader = anyHeader || STATUS_HEADER.test(clean(grid.header[column] ?? ""));
  const ticks: CellTick[] = [];
  let leads = false;
  for (const row of grid.rows) {
    const raw = row.raw[column] ?? "";
    if (raw.trim() === "") continue;
    const read = readCellTick(raw);
    if (!read) return null;
    if (read.tick.kind !== "strong" && !statusHeader) return null;
    if (!read.alone) leads = true;
    ticks.push(read.tick);
  }
  return ticks.length > 0 ? { ticks, leads } : null;
}

function findStatus(
  grid: TableGrid,
  taken: Set<number>,
): { column: number; leads: boolean } | "several" | null {
  const candidates: { column: number; leads: boolean }[] = [];
  grid.header.forEach((_, column) => {
    if (taken.has(column)) return;
    const found = tickColumn(grid, column);
    if (found) candidates.push({ column, leads: found.leads });
  });
  if (candidates.length <= 1) return candidates[0] ?? null;
  const headed = candidates.filter((c) => STATUS_HEADER.test(clean(grid.header[c.column] ?? "")));
  return headed.length === 1 ? (headed[0] ?? null) : "several";
}

// A column that numbers the rows (`Nr`, `#`, `No.`, or cells that are all numbers like `1`, `2.1`).
const NUMBER_HEADER = /^(?:#|n[or]\.?|num\.?|number|s\/?n|s[lr]\.? ?no\.?)$/i;
const ROW_NUMBER = /^\d+(?:\.\d+)*\.?$/;

function numbersRows(grid: TableGrid, column: number): boolean {
  if (NUMBER_HEADER.test(clean(grid.header[column] ?? ""))) return true;
  const written = grid.rows.map((r) => r.plain[column] ?? "").filter((c) => c !== "");
  return written.length > 0 && written.every((c) => ROW_NUMBER.test(c));
}

/** The name column: one headed as a name (`Check`, `Requirement`), else the first written column that does not number the rows. */
function findName(grid: TableGrid, taken: Set<number>): { column: number; byHeader: boolean } | null {
  const byHeader = grid.header.findIndex((h, c) => !taken.has(c) && NAME_HEADER.test(clean(h)));
  if (byHeader >= 0) return { column: byHeader, byHeader: true };
  const first = grid.header.findIndex(
    (_, c) => !taken.has(c) && grid.rows.some((r) => (r.plain[c] ?? "") !== "") && !numbersRows(grid, c),
  );
  return first >= 0 ? { column: first, byHeader: false } : null;
}

// Headers that name one status among others: columns of these tally rows by status (`| Area |
// Complete | Partial | Not Started |`), they are no status column.
const STATUS_VALUE_HEADER =
  /^(?:partial|partly|not started|in progress|pending|blocked|failed|fail|passed|pass|todo|to do|open|incomplete|not done|skipped|n\/a)$/i;

/**
 * A column headed as the status (`Status`, `Done`) with every cell empty: a checklist nobody has
 * filled in yet, when its rows are named by a name column (`| Item | Status | Owner |`).
 */
function emptyStatusColumn(grid: TableGrid, taken: Set<number>): number | null {
  if (grid.header.some((h) => STATUS_VALUE_HEADER.test(clean(h)))) return null;
  const column = grid.header.findIndex(
    (h, c) =>
      !taken.has(c) &&
      clean(h) !== "" &&
      STATUS_HEADER.test(clean(h)) &&
      grid.rows.every((r) => (r.raw[c] ?? "").trim() === ""),
  );
  return column >= 0 ? column : null;
}

/**
 * Two or more columns named by levels (see levelColumnTag) whose cells are marks or short figures.
 * Cells of prose mean the columns describe each level (a maturity matrix): no per-level columns.
 */
function findLevelColumns(grid: TableGrid): { perLevel: LevelColumn[]; describesLevels: boolean } {
  const named = grid.header
    .map((h, column) => ({ column, tag: levelColumnTag(clean(h)) }))
    .filter((l): l is LevelColumn => l.tag !== null);
  if (named.length < 2) return { perLevel: requirementColumns(grid), describesLevels: false };
  const prose = named.some(({ column }) =>
    grid.rows.some((row) => readLevelCell(row.plain[column] ?? "") === "prose"),
  );
  return prose ? { perLevel: [], describesLevels: true } : { perLevel: named, describesLevels: false };
}

/**
 * Two or more columns of requirement words (`M`/`O`, Mandatory/Optional) under any headers: each
 * header names a level as written (`| alpha | release-candidate |` gives `level:release-candidate`).
 */
function requirementColumns(grid: TableGrid): LevelColumn[] {
  const columns = grid.header.flatMap((h, column) =>
    clean(h) !== "" && isRequirementColumn(grid.rows.map((r) => r.plain[column] ?? ""))
      ? [{ column, tag: `level:${clean(h)}` }]
      : [],
  );
  return columns.length >= 2 ? columns : [];
}

/**
 * Whether a table is a checklist: it carries a status cell (a column of ticks), or it is
 * checklist-shaped under a heading (a name column by its header, plus a Level/Priority column or
 * per-level columns). Anything else is a table of data and its rows stay prose.
 */
export function readTableShape(grid: TableGrid): TableShape {
  const { perLevel, describesLevels } = findLevelColumns(grid);
  const priorityIndex = grid.header.findIndex(
    (h, column) => !perLevel.some((l) => l.column === column) && PRIORITY_HEADER.test(clean(h)),
  );
  const priority = priorityIndex >= 0 ? priorityIndex : null;
  const taken = new Set<number>([...perLevel.map((l) => l.column), ...(priority === null ? [] : [priority])]);
  const status = findStatus(grid, taken);
  const data = (reason: string): TableShape => ({
    items: false,
    reason,
    name: null,
    status: null,
    tickLeadsName: false,
    priority: null,
    levels: [],
  });
  if (status === "several")
    return data("several columns of ticks, none headed as the status: read as a comparison table");
  if (status) taken.add(status.column);
  const empty = status ? null : emptyStatusColumn(grid, taken);
  if (empty !== null) taken.add(empty);
  const name = status?.leads ? { column: status.column, byHeader: false } : findName(grid, taken);
  if (!name) return data("no column holds item names");
  const shape = {
    name: name.column,
    status: status?.column ?? empty,
    tickLeadsName: status?.leads ?? false,
    priority,
    levels: perLevel,
  };
  const header = (column: number) => {
    const title = clean(grid.header[column] ?? "");
    return title === "" ? `${column + 1} (untitled)` : `"${title}"`;
  };
  if (status) {
    return { ...shape, items: true, reason: `status column ${header(status.column)} holds ticks` };
  }
  if (empty !== null && name.byHeader && grid.underHeading) {
    return {
      ...shape,
      items: true,
      reason: `name column ${header(name.column)} with an empty status column ${header(empty)}: every row open`,
    };
  }
  // Two level columns of marks say "checklist" on their own; one Priority column needs a heading too.
  const shaped = perLevel.length > 0 || (grid.underHeading && priority !== null);
  if (name.byHeader && shaped) {
    const by =
      priority !== null
        ? `${header(priority)} column`
        : `per-level columns ${perLevel.map((l) => header(l.column)).join(", ")}`;
    return {
      ...shape,
      items: true,
      reason: `checklist-shaped: name column ${header(name.column)} with ${by}`,
    };
  }
  if (describesLevels)
    return data("per-level columns hold descriptions, not marks: read as a maturity matrix");
  const marked = grid.header.filter(
    (_, column) => !taken.has(column) && tickColumn(grid, column, true),
  ).length;
  if (marked > 1)
    return data("several columns of ticks, none headed as the status: read as a comparison table");
  return data(
    "no status cell and no checklist shape (a name column with a status, level or priority column)",
  );
}
