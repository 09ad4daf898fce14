import type { Token } from "markdown-it";
import { GonogoError } from "../core/errors.js";
import { headingTitle } from "./heading-title.js";
import { createIdAllocator, joinIdPath, slugify } from "./ids.js";
import { inlineLines, inlineText } from "./inline-text.js";
import {
  createMarkdownParser,
  MAX_BLOCK_NESTING,
  type ParseEnv,
  parseInBlocks,
  type TaskMarker,
  taskMarkerOf,
} from "./markdown.js";
import type { Checklist, Item, LevelLadder, ProseBlock, Section, TableNote } from "./model.js";
import { assignSlotSections, findSignoffSlots } from "./signoff-slots.js";
import { byteOffsetAt, type ChecklistSource } from "./source.js";
import { collectTableRows, readTable } from "./table-items.js";
import { tagsInText } from "./tags.js";
import { findTargets } from "./targets.js";

const md = createMarkdownParser();

/** Builds the checklist model from a decoded source: sections, task items, prose, sign-off slots. */
export function parseChecklist(source: ChecklistSource): Checklist {
  const env: ParseEnv = {};
  const walk = new ChecklistWalk(source);
  parseInBlocks(md, source.text, env, (tokens) => walk.visitBlock(tokens));
  if (env.nestingCutAt !== undefined) {
    // Reading on would leave out every item below that line: a wrong count is worse than none.
    throw new GonogoError(
      "input",
      `${source.path}:${env.nestingCutAt + 1}: lists or block quotes nested deeper than gonogo reads (about ${MAX_BLOCK_NESTING / 2} lists inside each other); flatten the document`,
    );
  }
  const sections = walk.sections;
  const slots = assignSlotSections(findSignoffSlots(walk.prose), sections);
  const title = sections.find((s) => s.level === 1)?.title ?? sections[0]?.title ?? null;
  const { items, prose, tables } = walk;
  const levelLadder = readLevelLadder(items, walk.levelColumns);
  return { source, title, sections, items, prose, signoffSlots: slots, tables, levelLadder };
}

/**
 * The levels in the order of the tables' level columns (`Level C | Level B | Level A`: C first,
 * whichever row marks a level first), then any other in the order first written; cumulative
 * unless some item names two of them.
 */
function readLevelLadder(items: Item[], columnOrder: string[]): LevelLadder | null {
  const levels = new Set<string>();
  let cumulative = true;
  for (const item of items) {
    const own = item.tags.filter((t) => t.startsWith("level:"));
    if (own.length > 1) cumulative = false;
    for (const tag of own) levels.add(tag.slice("level:".length));
  }
  const rank = (level: string) => {
    const at = columnOrder.indexOf(level);
    return at >= 0 ? at : columnOrder.length;
  };
  // A stable sort keeps first-written order among the levels no column names.
  const ordered = [...levels].sort((a, b) => rank(a) - rank(b));
  return levels.size === 0 ? null : { levels: ordered, cumulative };
}

/** One pass over markdown-it's token stream, keeping the open headings and list items as stacks. */
class ChecklistWalk {
  readonly sections: Section[] = [];
  readonly items: Item[] = [];
  readonly prose: ProseBlock[] = [];
  readonly tables: TableNote[] = [];
  /** The levels named by per-level table columns, in column order. */
  readonly levelColumns: string[] = [];
  private readonly sectionPath: Section[] = [];
  private readonly listItems: (Item | null)[] = [];
  private readonly itemById = new Map<string, Item>();
  private readonly allocateSectionId = createIdAllocator();
  private readonly allocateItemId = createIdAllocator();
  private readonly taskInlines = new Set<Token>();

  constructor(private readonly source: ChecklistSource) {}

  /** Reads one top-level block's tokens (or a whole document's: any run of complete blocks). */
  visitBlock(tokens: Token[]): void {
    for (let i = 0; i < tokens.length; i++) i = this.visit(tokens, i);
    // A task item's paragraph is in the same block as the item: nothing later asks for these.
    this.taskInlines.clear();
  }

  /** Reads the token at `i`; returns the index of the last token it consumed. */
  private visit(tokens: Token[], i: number): number {
    const token = tokens[i];
    if (!token) return i;
    switch (token.type) {
      case "heading_open":
        this.openSection(token, tokens[i + 1]);
        break;
      case "list_item_open": {
        const marker = taskMarkerOf(token);
        this.listItems.push(marker ? this.openItem(token, marker, tokens, i) : null);
        break;
      }
      case "list_item_close":
        this.listItems.pop();
        break;
      case "paragraph_open":
        this.addParagraph(token, tokens[i + 1]);
        break;
      case "table_open":
        return this.addTable(tokens, i);
      default:
        break;
    }
    return i;
  }

  private get currentSection(): Section | null {
    return this.sectionPath.at(-1) ?? null;
  }

  private openSection(token: Token, inline: Token | undefined): void {
    const level = Number(token.tag.slice(1));
    while ((this.sectionPath.at(-1)?.level ?? 0) >= level) this.sectionPath.pop();
    const parent = this.currentSection;
    const text = inlineText(inline);
    const title = headingTitle(text);
    const id = this.allocateSectionId(joinIdPath(parent?.id ?? null, slugify(title), "section"));
    const section: Section = {
      id,
      title,
      level,
      line: (token.map?.[0] ?? 0) + 1,
      parent: parent?.id ?? null,
    };
    this.sections.push(section);
    this.sectionPath.push(section);
    // Lint reads the heading as written: a `:white_check_mark:` in it is a claim of done.
    this.prose.push({
      kind: "heading",
      line: section.line,
      lines: [text],
      statement: [inlineText(inline, { dropLinks: true })],
      section: id,
    });
  }

  private openItem(token: Token, marker: TaskMarker, tokens: Token[], i: number): Item {
    const paragraph = tokens[i + 1];
    const inline = tokens[i + 2];
    if (inline) this.taskInlines.add(inline);
    const text = inlineText(inline);
    const section = this.currentSection;
    const parent = this.listItems.findLast((entry): entry is Item => entry !== null) ?? null;
    const id = this.allocateItemId(joinIdPath(section?.id ?? null, slugify(text), "item"));
    const tickLine = paragraph?.map?.[0] ?? token.map?.[0] ?? 0;
    const item: Item = {
      id,
      text,
      line: (token.map?.[0] ?? 0) + 1,
      section: section?.id ?? null,
      parent: parent?.id ?? null,
      children: [],
      checked: marker.checked,
      tick: { offset: this.tickOffset(tickLine), char: marker.char },
      targets: findTargets(text),
      form: "task",
      tags: tagsInText(text),
    };
    parent?.children.push(id);
    this.items.push(item);
    this.itemById.set(id, item);
    return item;
  }

  /**
   * The tick is the character after the first `[` on the paragraph's first line that is preceded
   * only by indentation, block-quote markers and list markers.
   */
  private tickOffset(line: number): number {
    const text = this.source.lines[line] ?? "";
    const prefix = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*\[/.exec(text);
    if (!prefix) throw new Error(`task marker not found on line ${line + 1}: ${JSON.stringify(text)}`);
    return byteOffsetAt(this.source, line, prefix[0].length);
  }

  private addParagraph(token: Token, inline: Token | undefined): void {
    if (!inline || this.taskInlines.has(inline)) return;
    const line = (token.map?.[0] ?? 0) + 1;
    this.prose.push({
      kind: "paragraph",
      line,
      lines: inlineLines(inline),
      statement: inlineLines(inline, { dropLinks: true }),
      section: this.currentSection?.id ?? null,
    });
  }

  private addTable(tokens: Token[], i: number): number {
    const { rows, end } = collectTableRows(tokens, i);
    const section = this.currentSection?.id ?? null;
    const reading = readTable(this.source, rows, section);
    this.tables.push(reading.note);
    this.prose.push(...reading.prose);
    for (const level of reading.levels) if (!this.levelColumns.includes(level)) this.levelColumns.push(level);
    for (const row of reading.items) {
      const id = this.allocateItemId(joinIdPath(section, slugify(row.text), "item"));
      const item: Item = { id, ...row };
      this.items.push(item);
      this.itemById.set(id, item);
    }
    return end;
  }
}
