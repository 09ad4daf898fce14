import { slugify } from "../checklist/ids.js";
import type { Checklist, Item } from "../checklist/index.js";
import { normalizeItemText } from "../engine/match-items.js";
import type { ItemInference, Proposal } from "./types.js";
import { comment, flow, key } from "./yaml-text.js";

/** How a written binding names an item: its text, or its id when another item has the same text. */
export function itemBinding(checklist: Checklist, item: Item): string {
  const wanted = normalizeItemText(item.text);
  if (wanted === "") return item.id;
  const same = checklist.items.filter((i) => normalizeItemText(i.text) === wanted);
  return same.length > 1 ? item.id : item.text;
}

export interface CheckBlockOptions {
  /** Probes this gonogo has: a proposal for another (load, burst before they exist) is written commented out. */
  available: ReadonlySet<string>;
  /** Check ids already taken (by the file being merged into). */
  taken?: Set<string>;
  /** Indentation of a check's id line and of the lines under it; two and four spaces unless given. */
  indent?: { entry: string; nested: string };
}

/** The `checks:` entries (indented two spaces unless told) for the proposals, each with its item quoted above it. */
export function renderCheckBlocks(
  checklist: Checklist,
  inferences: ItemInference[],
  options: CheckBlockOptions,
) {
  const taken = options.taken ?? new Set<string>();
  const { entry, nested } = options.indent ?? { entry: "  ", nested: "    " };
  const lines: string[] = [];
  const targets = new Set<string>();
  let written = 0;
  for (const { item, proposals } of inferences) {
    if (proposals.length === 0) continue;
    lines.push("", comment(`- [${item.checked ? "x" : " "}] ${item.text}  (line ${item.line})`, entry));
    for (const proposal of proposals) {
      const id = allocate(taken, checkId(item, proposal, proposals.length > 1));
      const block = checkBlock(id, itemBinding(checklist, item), proposal, entry, nested);
      // A commented-out check's target is declared too, so uncommenting it is all it takes.
      const target = proposal.config.target ?? proposal.config.cwd;
      if (typeof target === "string") targets.add(target);
      if (options.available.has(proposal.probe)) {
        lines.push(...block);
        written++;
      } else {
        lines.push(
          comment(`the ${proposal.probe} probe is not in this gonogo yet: uncomment once it is`, entry),
        );
        // Deleting the "# " gives the check back at the right indentation.
        lines.push(...block.map((line) => `${entry}# ${line.slice(entry.length)}`));
      }
    }
  }
  return { lines, targets, written };
}

function checkBlock(
  id: string,
  binding: string,
  proposal: Proposal,
  entry: string,
  nested: string,
): string[] {
  const why = `${proposal.probe}, confidence ${proposal.confidence.toFixed(1)}, because: ${proposal.because.join(", ")}`;
  return [
    comment(why, entry),
    `${entry}${key(id)}:`,
    `${nested}item: ${flow(binding)}`,
    `${nested}${proposal.probe}: ${flow(proposal.config)}`,
    `${nested}expect: ${flow(proposal.expect)}`,
  ];
}

function checkId(item: Item, proposal: Proposal, several: boolean): string {
  const slug = slugify(item.text) || `item-${item.line}`;
  // Cut long slugs at a word boundary: ids stay readable and stable.
  const base = slug.length <= 48 ? slug : slug.slice(0, 49).replace(/-[^-]*$/, "") || slug.slice(0, 48);
  return several ? `${base}-${proposal.probe}` : base;
}

function allocate(taken: Set<string>, base: string): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
