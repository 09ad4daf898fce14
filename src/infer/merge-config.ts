import { isDeepStrictEqual } from "node:util";
import { type Document, isMap, isScalar, type Pair, parseDocument, type YAMLMap } from "yaml";
import type { Checklist } from "../checklist/index.js";
import { configSchema } from "../config/schema.js";
import { GonogoError } from "../core/errors.js";
import { compileItemSpec } from "../engine/match-items.js";
import { renderCheckBlocks } from "./check-blocks.js";
import { resolveTargets, type TargetValues } from "./default-targets.js";
import type { ItemInference } from "./types.js";
import { flow, key } from "./yaml-text.js";

export interface MergeResult {
  text: string;
  added: number;
}

/**
 * `gonogo init --merge`: adds checks for the items `existing` does not bind yet (by a check,
 * `manual:` or `waivers:`). It only appends: new checks go after the last line of the `checks:`
 * block, and the targets they need after the last line of `targets:` (the block is added at the end
 * when absent), indented as the block's own entries are (2, 3, 4 ... spaces). No existing line is
 * changed, with one exception: an empty `checks:` or `checks: {}` (likewise `targets:`) has nothing
 * to append to, so that one line is replaced by `checks:` and the new entries under it.
 * The merged text is parsed back before it is returned: if it is not valid YAML, does not hold
 * exactly the old settings plus the new entries, or breaks the config schema where the old file did
 * not, this throws (exit 2) and the caller writes nothing.
 */
export function mergeConfig(
  path: string,
  existing: string,
  checklist: Checklist,
  inferences: ItemInference[],
  available: ReadonlySet<string>,
  given: TargetValues = {},
): MergeResult {
  const doc = parseDocument(existing);
  if (doc.errors.length > 0)
    throw new GonogoError("config", `${path}: not valid YAML: ${doc.errors[0]?.message}`);
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const checks = (data.checks ?? {}) as Record<string, Record<string, unknown>>;
  const specs = [
    ...Object.values(checks).flatMap((c) => (Array.isArray(c?.item) ? c.item : [c?.item])),
    ...((data.manual as unknown[]) ?? []),
    ...((data.waivers as { item?: unknown }[]) ?? []).map((w) => w?.item),
  ].filter((s): s is string => typeof s === "string");
  const bound = new Set<string>();
  for (const spec of specs) {
    const matcher = compileItemSpec(spec, checklist.items);
    if (typeof matcher === "function") for (const item of checklist.items.filter(matcher)) bound.add(item.id);
  }
  const unbound = inferences.filter((i) => !bound.has(i.item.id) && i.proposals.length > 0);

  const text = new TextLines(existing);
  const checksPlace = placeFor(path, doc, text, "checks");
  const targetsPlace = placeFor(path, doc, text, "targets");
  const blocks = renderCheckBlocks(checklist, unbound, {
    available,
    taken: new Set(Object.keys(checks)),
    indent: { entry: checksPlace.entry, nested: checksPlace.nested },
  });
  if (blocks.lines.length === 0) return { text: existing, added: 0 };

  const targets = (data.targets ?? {}) as Record<string, unknown>;
  const missing = [...blocks.targets].filter((name) => !(name in targets));
  const newTargets = resolveTargets(missing, given);
  const targetLines = Object.entries(newTargets).map(
    ([name, t]) => `${targetsPlace.entry}${key(name)}: ${flow(t)}`,
  );
  const merged = text.apply([
    edit(targetsPlace, targetLines, "targets"),
    edit(checksPlace, blocks.lines, "checks"),
  ]);

  const newChecks = (parseDocument(["c:", ...blocks.lines].join("\n")).toJS()?.c ?? {}) as object;
  const expected: Record<string, unknown> = { ...data };
  if (targetLines.length > 0) expected.targets = { ...targets, ...newTargets };
  if (blocks.lines.length > 0) expected.checks = { ...checks, ...newChecks };
  refuseUnlessLoads(path, merged, data, expected);
  return { text: merged, added: blocks.written };
}

/** Where a block's new entries go, and how they are indented. */
interface Place {
  /** Line index after which the entries go; -1 appends the block at the end. */
  after: number;
  /** Lines [replace, after] are replaced by the header line (an empty `name:` or `name: {}`). */
  replace?: { from: number; header: string };
  entry: string;
  nested: string;
  /** Indentation of the `name:` line when the block is appended. */
  root: string;
}

function placeFor(path: string, doc: Document, text: TextLines, name: string): Place {
  const root = doc.contents;
  const rootCol = isMap(root) && root.items[0] ? text.column(startOf(root.items[0].key)) : 0;
  const unit = indentUnit(text, root);
  const pair = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === name) : undefined;
  const spaces = (n: number) => " ".repeat(n);
  if (!pair) {
    return {
      after: -1,
      entry: spaces(rootCol + unit),
      nested: spaces(rootCol + 2 * unit),
      root: spaces(rootCol),
    };
  }
  const keyStart = startOf(pair.key);
  const headerCol = text.column(keyStart);
  const headerLine = text.lineOf(keyStart);
  const value = pair.value;
  const emptyScalar = value === null || value === undefined || (isScalar(value) && value.value === null);
  const emptyFlow = isMap(value) && value.flow === true && value.items.length === 0;
  if (emptyScalar || emptyFlow) {
    // Nothing to append to: this one `name:` / `name: {}` line becomes `name:` with the entries under it.
    const range = (value as { range?: [number, number, number] } | null)?.range;
    const valueEnd = range && range[1] > range[0] ? range[1] : text.afterColon(keyStart);
    const last = Math.max(headerLine, text.lineOf(Math.max(valueEnd - 1, keyStart)));
    const rest = text.lines[last]?.slice(text.column(valueEnd)).replace(/\r$/, "").trim() ?? "";
    const keyText = text.source.slice(keyStart, (pair.key as { range?: number[] }).range?.[1] ?? keyStart);
    const header = `${spaces(headerCol)}${keyText}:${rest.startsWith("#") ? ` ${rest}` : ""}`;
    return {
      after: last,
      replace: { from: headerLine, header },
      entry: spaces(headerCol + unit),
      nested: spaces(headerCol + 2 * unit),
      root: "",
    };
  }
  if (!isMap(value) || value.flow) {
    throw new GonogoError(
      "config",
      `${path}: \`${name}:\` is not a block mapping (one entry a line); make it one to --merge into it`,
    );
  }
  const first = value.items[0];
  const entryCol = first ? text.column(startOf(first.key)) : headerCol + unit;
  // Lines under an entry (a check's `item:` ...) step in as the file's own checks do.
  const innerStep = value.items
    .map((p) => p.value)
    .filter((v): v is YAMLMap => isMap(v) && !v.flow && v.items.length > 0)
    .map((v) => text.column(startOf((v.items[0] as Pair).key)) - entryCol)
    .find((step) => step > 0);
  const range = value.range as [number, number, number];
  let end = range[1] - 1;
  while (end > range[0] && /\s/.test(text.source[end] ?? "")) end--;
  return {
    after: Math.max(headerLine, text.lineOf(end)),
    entry: spaces(entryCol),
    nested: spaces(entryCol + (innerStep ?? entryCol - headerCol)),
    root: "",
  };
}

/** How far the file's block mappings indent their entries (the first one found), else 2. */
function indentUnit(text: TextLines, root: unknown): number {
  if (!isMap(root)) return 2;
  for (const name of ["checks", "targets"]) {
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === name);
    const steps = stepsUnder(text, pair);
    if (steps !== undefined) return steps;
  }
  for (const pair of root.items) {
    const steps = stepsUnder(text, pair);
    if (steps !== undefined) return steps;
  }
  return 2;
}

function stepsUnder(text: TextLines, pair: Pair | undefined): number | undefined {
  const value = pair?.value;
  if (!pair || !isMap(value) || value.flow || !value.items[0]) return undefined;
  const step = text.column(startOf(value.items[0].key)) - text.column(startOf(pair.key));
  return step > 0 ? step : undefined;
}

function startOf(node: unknown): number {
  return (node as { range?: number[] } | null)?.range?.[0] ?? 0;
}

interface Edit {
  /** The last line the edit comes after (or replaces); +Infinity appends at the end. */
  at: number;
  /** First line replaced, or -1 to insert only. */
  removeFrom: number;
  lines: string[];
}

function edit(place: Place, entries: string[], name: string): Edit | null {
  if (entries.length === 0) return null;
  if (place.after === -1)
    return { at: Number.POSITIVE_INFINITY, removeFrom: -1, lines: ["", `${place.root}${name}:`, ...entries] };
  if (place.replace)
    return { at: place.after, removeFrom: place.replace.from, lines: [place.replace.header, ...entries] };
  return { at: place.after, removeFrom: -1, lines: entries };
}

/** The file's lines, with offsets turned into lines and columns, and line edits applied bottom-up. */
class TextLines {
  readonly lines: string[];
  private readonly starts: number[];
  private readonly cr: string;

  constructor(readonly source: string) {
    this.lines = source.replace(/\r?\n$/, "").split("\n");
    this.starts = [];
    let offset = 0;
    for (const line of this.lines) {
      this.starts.push(offset);
      offset += line.length + 1;
    }
    // A CRLF file gets CRLF lines.
    this.cr = /\r\n/.test(source) ? "\r" : "";
  }

  lineOf(offset: number): number {
    let line = 0;
    while (line + 1 < this.starts.length && (this.starts[line + 1] ?? 0) <= offset) line++;
    return line;
  }

  column(offset: number): number {
    return offset - (this.starts[this.lineOf(offset)] ?? 0);
  }

  /** Offset just past the `:` that follows the key starting at `keyStart`. */
  afterColon(keyStart: number): number {
    const colon = this.source.indexOf(":", keyStart);
    return colon === -1 ? keyStart : colon + 1;
  }

  apply(edits: (Edit | null)[]): string {
    const lines = [...this.lines];
    const all = edits.filter((e): e is Edit => e !== null);
    // Bottom-up, so the line numbers of the edits still to make stay right; appended blocks last, in order.
    const inside = all.filter((e) => e.at !== Number.POSITIVE_INFINITY).sort((a, b) => b.at - a.at);
    for (const e of inside) {
      const added = e.lines.map((line) => `${line}${this.cr}`);
      if (e.removeFrom >= 0) lines.splice(e.removeFrom, e.at - e.removeFrom + 1, ...added);
      else lines.splice(e.at + 1, 0, ...added);
    }
    for (const e of all.filter((e) => e.at === Number.POSITIVE_INFINITY))
      lines.push(...e.lines.map((line) => `${line}${this.cr}`));
    return `${lines.join("\n")}${this.cr}\n`;
  }
}

/** Throws unless `merged` parses to `expected` and the schema finds nothing new wrong with it. */
function refuseUnlessLoads(
  path: string,
  merged: string,
  before: Record<string, unknown>,
  expected: Record<string, unknown>,
): void {
  const refuse = (details: string[]) =>
    new GonogoError(
      "config",
      `${path}: --merge would leave a file that does not load the same settings plus the new checks; nothing was written`,
      [...details, "add the checks by hand, or run gonogo init --out another file and copy them over"],
    );
  const doc = parseDocument(merged);
  if (doc.errors.length > 0) throw refuse(doc.errors.map((e) => (e.message.split("\n")[0] ?? "").trim()));
  const after = doc.toJS() ?? {};
  if (!isDeepStrictEqual(after, expected))
    throw refuse(["the merged YAML does not read back as the old settings plus the new entries"]);
  const problems = (data: unknown) =>
    (configSchema.safeParse(data).error?.issues ?? []).map(
      (i) => `${i.path.join(".") || "(top)"}: ${i.message}`,
    );
  const old = new Set(problems(before));
  const fresh = problems(after).filter((p) => !old.has(p));
  if (fresh.length > 0) throw refuse(fresh);
}
