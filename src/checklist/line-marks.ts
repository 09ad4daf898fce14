import type markdownIt from "markdown-it";
import type { StateBlock, Token } from "markdown-it";

type MarkdownIt = ReturnType<typeof markdownIt>;

const SPACE = 0x20;
const TAB = 0x09;

/** What markdown-it's block state knows of each line before it reads any block. */
export interface LineMarks {
  bMarks: number[];
  eMarks: number[];
  tShift: number[];
  sCount: number[];
  bsCount: number[];
  lineMax: number;
}

/**
 * Where each line of `src` begins and ends, and its indent (characters, and columns with tabs
 * expanded): the same arrays markdown-it's `StateBlock` constructor fills. markdown-it reads every
 * character of the document with `charCodeAt` to find them (about 30 ms of `status` on a 6.7 MB
 * checklist, docs/benchmarks.md, seventh round); here only a line's leading blanks are read one by
 * one, and its end is found with `indexOf`. A last line of nothing but blanks with no line end is
 * left out, as markdown-it leaves it out; a fake line at the end simplifies bounds checks, as there.
 */
export function markLines(src: string): LineMarks {
  const bMarks: number[] = [];
  const eMarks: number[] = [];
  const tShift: number[] = [];
  const sCount: number[] = [];
  const bsCount: number[] = [];
  const length = src.length;
  for (let start = 0; start < length; ) {
    let pos = start;
    let offset = 0;
    for (; pos < length; pos++) {
      const ch = src.charCodeAt(pos);
      if (ch === SPACE) offset++;
      else if (ch === TAB) offset += 4 - (offset % 4);
      else break;
    }
    if (pos === length) break;
    const newline = src.indexOf("\n", pos);
    const end = newline === -1 ? length : newline;
    bMarks.push(start);
    eMarks.push(end);
    tShift.push(pos - start);
    sCount.push(offset);
    bsCount.push(0);
    start = end + 1;
  }
  bMarks.push(length);
  eMarks.push(length);
  tShift.push(0);
  sCount.push(0);
  bsCount.push(0);
  return { bMarks, eMarks, tShift, sCount, bsCount, lineMax: bMarks.length - 1 };
}

/**
 * Makes markdown-it's block parser build its state with `markLines`. The state itself is still
 * markdown-it's own (made for an empty source, then given the document and its lines), so every
 * block rule sees the object it expects.
 */
export function markLinesQuickly(md: MarkdownIt): void {
  const State = md.block.State;
  function stateWithMarkedLines(src: string, parser: MarkdownIt, env: unknown, tokens: Token[]): StateBlock {
    const state = new State("", parser, env, tokens);
    state.src = src;
    Object.assign(state, markLines(src));
    return state;
  }
  // markdown-it calls `new this.State(...)`: a constructor that returns an object gives that object.
  md.block.State = stateWithMarkedLines as unknown as typeof State;
}
