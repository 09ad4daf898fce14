import { isPriorityWord, levelName, priorityTag } from "./tags.js";

/**
 * Per-level columns: one column per readiness level, a mark in a row's cell meaning that level
 * requires the row (`| Check | Level C | Level B | Level A |` with ✅ under B and A). A column is
 * named by a rung (`Level B`, `Tier 2`, `L2`), a rung word (`Bronze | Silver | Gold`,
 * `MVP | GA`, `Basic | Advanced`) or a priority (`Must | Should | Could`, `Required |
 * Recommended | Optional`); a parenthesised note after the name is ignored ("Level C (basic)").
 */

// Rungs named by a word: medals, release stages, maturity grades. Environments (Dev | Prod) are
// left out on purpose: a ✅ under an environment more often says "done there" than "required there".
const RUNG_WORDS =
  /^(?:bronze|silver|gold|platinum|poc|prototype|pilot|alpha|beta|mvp|preview|ga|basic|intermediate|advanced|expert)$/i;
const RUNG_PREFIX = /^(?:level|lvl|tier|grade|stage)\b|^L\d/i;

/** The tag a per-level column's header gives its marked rows (`level:B`, `level:Gold`, `priority:critical`), or null. */
export function levelColumnTag(header: string): string | null {
  const name = header.replace(/\s*\([^)]*\)$/, "").trim();
  if (RUNG_PREFIX.test(name)) {
    const level = levelName(name);
    return level ? `level:${level}` : null;
  }
  if (RUNG_WORDS.test(name)) return `level:${rungWord(name)}`;
  if (isPriorityWord(name)) return priorityTag(name);
  return null;
}

/** "gold" -> "Gold", "MVP" stays "MVP": the name reads as the author wrote it, capitalised. */
function rungWord(word: string): string {
  return word === word.toUpperCase() ? word : `${word[0]?.toUpperCase() ?? ""}${word.slice(1).toLowerCase()}`;
}

// A mark that says "this level requires it", alone or before a note ("✅ (if public)"); `M` is
// "mandatory" in release checklists' M/O columns.
const REQUIRED =
  /^(?:✅|✔\uFE0F?|✓|☑\uFE0F?|x|y|yes|m|required|mandatory|must|●|•|★|⭐|🟢|:white_check_mark:|:heavy_check_mark:|:ballot_box_with_check:|:green_circle:|:star:)(?![\p{L}\p{N}])/iu;
// A mark that says it does not: a cross, a dash, "N/A", or a weaker word than required (`O`, optional).
const NOT_REQUIRED =
  /^(?:|❌|❎|✗|✘|✖\uFE0F?|⬜|○|☐|-|—|–|:x:|:heavy_multiplication_x:|:negative_squared_cross_mark:|:heavy_minus_sign:|:white_large_square:|no|n|n\/a|na|none|not required|o|optional|recommended)$/iu;
// A short figure is that level's target for the row ("99.9%", "< 1h", "3x"): required, with a bar.
const FIGURE = /^[<>≤≥=~ ]*\d[\d.,]*\s?[%\p{L}/]{0,6}$/u;

/**
 * What a per-level cell says: the level requires the row, it does not, or the cell is prose (a
 * maturity matrix describes each level in words; such a table is no checklist).
 */
export function readLevelCell(text: string): "required" | "not-required" | "prose" {
  const cell = text.trim();
  if (NOT_REQUIRED.test(cell)) return "not-required";
  if (REQUIRED.test(cell) || FIGURE.test(cell)) return "required";
  return "prose";
}

// Words that say how strongly a column's level requires a row, and nothing else: a column of these
// is a level whatever its header (`| alpha | release-candidate | public-release |` of M/O cells).
// Ticks and yes/no are left out: a column of those may as well compare products or say "done".
const REQUIREMENT_WORD =
  /^(?:m|o|mandatory|optional|required|not required|recommended|must|should|may|n\/a|-|—|–)$/i;

/**
 * Whether a column's cells are requirement words only (M/O, Mandatory/Optional, Must/Should/May)
 * with at least one saying "required": such a column names a level by its header, whatever the header.
 */
export function isRequirementColumn(cells: string[]): boolean {
  const written = cells.map((c) => c.trim()).filter((c) => c !== "");
  return (
    written.length > 0 &&
    written.every((c) => REQUIREMENT_WORD.test(c)) &&
    written.some((c) => readLevelCell(c) === "required")
  );
}
