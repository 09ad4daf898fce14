// markdown-it 14, not 15: 15's build turns every class field into a helper call (`_defineProperty`),
// which made token and parser-state construction 17% of `status --json` on 20,000 items
// (docs/benchmarks.md). 14.3 is maintained beside 15 and parses the same CommonMark.
import markdownIt, { type StateBlock, type StateCore, type Token } from "markdown-it";
import { readInertDelimitersAsText } from "./inert-delimiters.js";
import { normaliseOnlyWhereNeeded } from "./line-endings.js";
import { markLinesQuickly } from "./line-marks.js";
import { rememberLinkNormalisation } from "./remembered-links.js";

/** What the task rule leaves on a list item's token. */
export type TaskMarker = { char: string; checked: boolean };

/** The task marker of a `list_item_open` token, or null when the item is not a task. */
export function taskMarkerOf(listItem: Token): TaskMarker | null {
  const marker = listItem.meta?.task as TaskMarker | undefined;
  return marker ?? null;
}

// GFM task-list marker at the start of a list item's first paragraph: `[ ]`, `[x]`, `[X]` (a tab
// between the brackets counts as blank, as in remark-gfm), then whitespace, then some content.
const TASK_MARKER = /^\[([ \txX])\](?=[ \t\n]+\S)/;

/**
 * Marks list items whose first paragraph starts with a task marker and strips the marker before
 * inline parsing, so `[x]` is never read as a link reference. Runs between block and inline parsing.
 */
function markTaskItems(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i];
    if (inline?.type !== "inline" || tokens[i - 1]?.type !== "paragraph_open") continue;
    const listItem = tokens[i - 2];
    if (listItem?.type !== "list_item_open") continue;
    const match = TASK_MARKER.exec(inline.content);
    if (!match) continue;
    const char = match[1] ?? " ";
    const marker: TaskMarker = { char, checked: char === "x" || char === "X" };
    listItem.meta = { task: marker };
    inline.content = inline.content.slice(match[0].length).replace(/^[ \t\n]+/, "");
  }
}

/**
 * How deep blocks may nest, in markdown-it's levels (a list inside a list item adds two, a block
 * quote one). markdown-it's default (100) silently drops everything below about 49 nested lists;
 * each level costs stack, and a few thousand overflow it. So block parsing gets a limit far past
 * any real checklist, and a document that reaches it is refused (see `nestingCutAt`), never cut.
 */
export const MAX_BLOCK_NESTING = 1000;
/** Inline nesting (images in images) stays at markdown-it's default: deeper only costs time, it loses no item. */
const INLINE_NESTING = 100;

/** What `parse(text, env)` leaves in `env`: the first line (0-based) whose blocks were not read because they nest too deeply. */
export interface ParseEnv {
  nestingCutAt?: number;
  [key: string]: unknown;
}

type MarkdownIt = ReturnType<typeof markdownIt>;

/** markdown-it reads `maxNesting` from its options; its type declarations leave the option out. */
type NestingOptions = MarkdownIt["options"] & { maxNesting: number };

/**
 * Block parsing with its own nesting limit; where markdown-it stops reading a block (without a
 * word) because the limit is reached, notes the line, so the caller can refuse the document
 * instead of counting fewer items than it has.
 */
function limitBlockNesting(md: MarkdownIt): void {
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state: StateBlock, startLine: number, endLine: number) => {
    const env = state.env as ParseEnv;
    if (state.level >= MAX_BLOCK_NESTING && env.nestingCutAt === undefined) {
      // The same tests tokenize makes before it gives up: a non-blank line inside this block.
      const line = state.skipEmptyLines(startLine);
      if (line < endLine && (state.sCount[line] ?? 0) >= state.blkIndent) env.nestingCutAt = line;
    }
    // markdown-it reads one maxNesting for blocks and inlines: the block limit holds only while blocks are read.
    const options = md.options as NestingOptions;
    const inline = options.maxNesting;
    options.maxNesting = MAX_BLOCK_NESTING;
    try {
      tokenize(state, startLine, endLine);
    } finally {
      options.maxNesting = inline;
    }
  };
}

// Inline content with none of these cannot hold markup under the rules this parser enables (escapes,
// code, emphasis, strikethrough, links, images, entities, line breaks; `<` starts an autolink or
// inline HTML only when something other than a blank follows it).
const INLINE_MARKUP = /[\n\\`*_~[\]&]|<(?![ \t]|$)/;

/** True when markdown-it would read `content` as one text token, unchanged. */
export function isPlainInline(content: string): boolean {
  return content !== "" && !INLINE_MARKUP.test(content);
}

/**
 * markdown-it's own inline step, except that content with no markup becomes its one text token
 * directly: most checklist items are plain text, and building an inline parser state for each cost
 * about a tenth of `status` on a large checklist (docs/benchmarks.md). The token is the one
 * markdown-it would make (`isPlainInline` is tested against it).
 */
function parseInlines(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== "inline") continue;
    if (isPlainInline(token.content)) {
      const text = new state.Token("text", "", 0);
      text.content = token.content;
      token.children = [text];
    } else {
      token.children ??= [];
      state.md.inline.parse(token.content, state.md, state.env, token.children);
    }
  }
}

/** Where `parseInBlocks` hands each top-level block: kept in `env` under this key while it runs. */
const ON_BLOCK = Symbol("gonogo.onBlock");
/** Under ON_BLOCK instead of a function: read the blocks, keep nothing (link definitions only). */
const DROP_BLOCK = Symbol("gonogo.dropBlock");
type BlockEnv = ParseEnv & { [ON_BLOCK]?: ((tokens: Token[]) => void) | typeof DROP_BLOCK };

/**
 * Parses `text` and hands `onBlock` the tokens of each top-level block (a heading, a whole list, a
 * table, ...) as soon as the block is read, inline content parsed and task items marked: the same
 * tokens `md.parse` returns, in order, but never all alive at once. On a checklist of 20,000 items
 * the whole stream (about six tokens an item) lived until the walk over it ended, and the garbage
 * collector copied it from young to old space; handing it out a block at a time is a third less
 * work for `status` (docs/benchmarks.md, third round). `onBlock` must not keep the tokens.
 *
 * A link reference definition (`[label]: url`) may come after the links that use it, so a document
 * that may hold one (it has `]:` somewhere) has its blocks read once before, only for the
 * definitions markdown-it collects in `env.references` (each block's tokens dropped once read, no
 * inline parsing); the definitions are then all known when the first block's inlines are read, as
 * in a whole parse. Parsing such a document whole instead kept every token alive to the end: on
 * 20,000 sections with reference links, 233 MB at the peak against 179 MB now, in about the same
 * time (the first pass costs what the collector saves; docs/benchmarks.md, seventh round).
 */
export function parseInBlocks(
  md: MarkdownIt,
  text: string,
  env: ParseEnv,
  onBlock: (tokens: Token[]) => void,
): void {
  if (text.includes("]:")) streamBlocks(md, text, env, DROP_BLOCK);
  streamBlocks(md, text, env, onBlock);
}

function streamBlocks(
  md: MarkdownIt,
  text: string,
  env: ParseEnv,
  onBlock: ((tokens: Token[]) => void) | typeof DROP_BLOCK,
): void {
  const blockEnv = env as BlockEnv;
  blockEnv[ON_BLOCK] = onBlock;
  try {
    md.parse(text, env);
  } finally {
    delete blockEnv[ON_BLOCK];
  }
}

/**
 * markdown-it's core `block` rule, except that under `parseInBlocks` each top-level block goes
 * through the core rules after this one (task items, inlines, text join) and on to the caller,
 * then leaves the token stream. The top level is where markdown-it's block loop skips blank lines
 * at level 0 (`skipEmptyLines`, which only that loop calls): by then the block before is complete.
 */
function blockRule(state: StateCore): void {
  const onBlock = (state.env as BlockEnv)[ON_BLOCK];
  if (state.inlineMode || onBlock === undefined) {
    state.md.block.parse(state.src, state.md, state.env, state.tokens);
    return;
  }
  const rules = state.md.core.ruler.getRules("");
  const after = rules.slice(rules.indexOf(blockRule) + 1);
  const blockState = new state.md.core.State(state.src, state.md, state.env);
  const tokens = state.tokens;
  const flush = () => {
    if (tokens.length === 0) return;
    if (onBlock === DROP_BLOCK) {
      tokens.length = 0;
      return;
    }
    blockState.tokens = tokens.splice(0);
    for (const rule of after) rule(blockState);
    onBlock(blockState.tokens);
    blockState.tokens = [];
  };
  topLevelFlush = flush;
  try {
    state.md.block.parse(state.src, state.md, state.env, tokens);
  } finally {
    topLevelFlush = null;
  }
  flush();
}

/** Set while `blockRule` streams: what the top-level block state calls between blocks. */
let topLevelFlush: (() => void) | null = null;

/** Hands out the finished top-level blocks whenever markdown-it's block loop moves on at level 0. */
function flushBetweenBlocks(md: MarkdownIt): void {
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state: StateBlock, startLine: number, endLine: number) => {
    const flush = topLevelFlush;
    if (flush === null || state.level !== 0) {
      tokenize(state, startLine, endLine);
      return;
    }
    topLevelFlush = null; // one top level per parse
    const skipEmptyLines = state.skipEmptyLines;
    state.skipEmptyLines = function skipAfterBlock(this: StateBlock, from: number): number {
      if (this.level === 0) flush();
      return skipEmptyLines.call(this, from);
    };
    tokenize(state, startLine, endLine);
  };
}

/** A CommonMark + GFM (tables, strikethrough) parser with HTML blocks recognised and task items marked. */
export function createMarkdownParser(): MarkdownIt {
  const options: Partial<NestingOptions> = {
    html: true,
    linkify: false,
    typographer: false,
    maxNesting: INLINE_NESTING,
  };
  const md = markdownIt("default", options);
  md.core.ruler.before("inline", "gonogo_task_items", markTaskItems);
  md.core.ruler.at("inline", parseInlines);
  md.core.ruler.at("block", blockRule);
  limitBlockNesting(md);
  flushBetweenBlocks(md);
  rememberLinkNormalisation(md);
  normaliseOnlyWhereNeeded(md);
  markLinesQuickly(md);
  readInertDelimitersAsText(md);
  return md;
}
