import markdownIt, { type MarkdownIt, type StateCore, type Token } from "markdown-it";

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

/** A CommonMark + GFM (tables, strikethrough) parser with HTML blocks recognised and task items marked. */
export function createMarkdownParser(): MarkdownIt {
  const md = markdownIt("default", { html: true, linkify: false, typographer: false });
  md.core.ruler.before("inline", "gonogo_task_items", markTaskItems);
  return md;
}
