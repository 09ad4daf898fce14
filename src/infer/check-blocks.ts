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

/** Below this, a proposal is a guess: written commented out so a first verify runs none. */
export const REVIEW_BELOW = 0.5;

/** A proposal init writes as a live check: its probe exists here and the rule is sure enough. */
export function isLive(proposal: Proposal, available: ReadonlySet<string>): boolean {
  return available.has(proposal.probe) && proposal.confidence >= REVIEW_BELOW;
}

/** Probes whose run costs minutes (a load test, a test suite): one run serves every item that asks for the same one. */
const SHARED_RUNS = new Set(["load", "burst", "k6", "command"]);

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
  const sharers = itemsSharingRuns(inferences);
  let written = 0;
  for (const { item, proposals } of inferences) {
    const own = proposals.filter((p) => (sharers.get(p)?.items.length ?? 1) > 0);
    if (own.length === 0) continue;
    lines.push("", comment(`- [${item.checked ? "x" : " "}] ${item.text}  (line ${item.line})`, entry));
    for (const proposal of own) {
      const run = sharers.get(proposal) ?? { items: [item], expect: proposal.expect };
      const items = run.items;
      for (const other of items.slice(1))
        lines.push(
          comment(
            `- [${other.checked ? "x" : " "}] ${other.text}  (line ${other.line}): the same run, its expectations added`,
            entry,
          ),
        );
      const bindings = items.map((i) => itemBinding(checklist, i));
      const id = allocate(taken, checkId(item, proposal, proposals));
      const binding = bindings.length > 1 ? bindings : itemBinding(checklist, item);
      const block = checkBlock(id, binding, { ...proposal, expect: run.expect }, entry, nested);
      // A commented-out check's target is declared too, so uncommenting it is all it takes.
      const target = proposal.config.target ?? proposal.config.cwd;
      if (typeof target === "string") targets.add(target);
      if (isLive(proposal, options.available)) {
        lines.push(...block);
        written++;
        continue;
      }
      lines.push(
        comment(
          options.available.has(proposal.probe)
            ? "low confidence: review before enabling, then uncomment"
            : `the ${proposal.probe} probe is not in this gonogo yet: uncomment once it is`,
          entry,
        ),
      );
      // Deleting the "# " gives the check back at the right indentation.
      lines.push(...block.map((line) => `${entry}# ${line.slice(entry.length)}`));
    }
  }
  return { lines, targets, written };
}

/** The items one written check is bound to, and the expectations of them all. */
interface SharedRun {
  items: Item[];
  expect: string[];
}

/**
 * Each proposal with the check written for it: its own, or for a costly run with the same probe
 * and block as an earlier item's, that one check, bound to every such item and expecting what
 * each of them states ("P95 < 500ms" and "Error rate < 1%" of one load test are one run, not two).
 * The later proposals get no items and are not written.
 */
function itemsSharingRuns(inferences: ItemInference[]): Map<Proposal, SharedRun> {
  const runs = new Map<Proposal, SharedRun>();
  const first = new Map<string, SharedRun>();
  for (const { item, proposals } of inferences) {
    for (const proposal of proposals) {
      if (!SHARED_RUNS.has(proposal.probe)) {
        runs.set(proposal, { items: [item], expect: proposal.expect });
        continue;
      }
      // A guess written commented out takes no sure proposal with it.
      const sure = proposal.confidence >= REVIEW_BELOW;
      const key = JSON.stringify([proposal.probe, proposal.config, sure]);
      const run = first.get(key);
      if (run) {
        run.items.push(item);
        run.expect.push(...proposal.expect.filter((e) => !run.expect.includes(e)));
        runs.set(proposal, { items: [], expect: [] });
      } else {
        const mine = { items: [item], expect: [...proposal.expect] };
        first.set(key, mine);
        runs.set(proposal, mine);
      }
    }
  }
  return runs;
}

function checkBlock(
  id: string,
  binding: string | string[],
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

function checkId(item: Item, proposal: Proposal, proposals: Proposal[]): string {
  const slug = slugify(item.text) || `item-${item.line}`;
  // Cut long slugs at a word boundary: ids stay readable and stable.
  const base = slug.length <= 48 ? slug : slug.slice(0, 49).replace(/-[^-]*$/, "") || slug.slice(0, 48);
  if (proposals.length === 1) return base;
  // Several checks of one probe (one per health path) are told apart by their path.
  const { path } = proposal.config;
  const sameProbe = proposals.filter((p) => p.probe === proposal.probe).length > 1;
  return sameProbe && typeof path === "string" ? `${base}-${slugify(path)}` : `${base}-${proposal.probe}`;
}

function allocate(taken: Set<string>, base: string): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
