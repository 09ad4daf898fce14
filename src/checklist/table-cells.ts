/** A table cell's raw source text and where it starts on its line (UTF-16 column). */
export interface RawCell {
  text: string;
  column: number;
}

// Indentation, block-quote markers and list markers in front of a table row (a table in a quote or list).
const ROW_PREFIX = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])))*[ \t]*/;

/**
 * Splits a GFM table row line into its cells as written, the way GFM does: on every `|` not
 * escaped by a backslash, a leading and a trailing pipe being optional.
 */
export function splitRawCells(line: string): RawCell[] {
  const start = ROW_PREFIX.exec(line)?.[0].length ?? 0;
  const cells: RawCell[] = [];
  let cellStart = start;
  for (let i = start; i <= line.length; i++) {
    const char = line[i];
    if (char === "\\") {
      i += 1;
      continue;
    }
    if (char === "|" || i === line.length) {
      cells.push({ text: line.slice(cellStart, i), column: cellStart });
      cellStart = i + 1;
    }
  }
  if (cells.length > 1 && cells[0]?.text.trim() === "" && line.slice(start).startsWith("|")) cells.shift();
  if (cells.length > 1 && cells.at(-1)?.text.trim() === "" && line.trimEnd().endsWith("|")) cells.pop();
  return cells;
}
