import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Checklist } from "../checklist/index.js";
import { compileItemSpec } from "../engine/match-items.js";
import { GonogoError } from "../errors.js";
import { renderCheckBlocks } from "./check-blocks.js";
import { resolveTargets, type TargetValues } from "./default-targets.js";
import type { ItemInference } from "./types.js";
import { flow, key } from "./yaml-text.js";

export interface MergeResult {
  text: string;
  added: number;
}

/**
 * Adds checks for the items `existing` does not bind yet (by a check, `manual:` or `waivers:`).
 * Existing lines are never changed: new checks go after the last line of the `checks:` block, and
 * targets the new checks need go after the last line of `targets:` (a block is added when absent).
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
  const blocks = renderCheckBlocks(checklist, unbound, { available, taken: new Set(Object.keys(checks)) });
  if (blocks.lines.length === 0) return { text: existing, added: 0 };

  let lines = existing.replace(/\n$/, "").split("\n");
  const targets = (data.targets ?? {}) as Record<string, unknown>;
  const missing = [...blocks.targets].filter((name) => !(name in targets));
  const targetLines = Object.entries(resolveTargets(missing, given)).map(
    ([name, t]) => `  ${key(name)}: ${flow(t)}`,
  );
  lines = insertIntoBlock(path, doc, lines, "targets", targetLines);
  lines = insertIntoBlock(path, doc, lines, "checks", blocks.lines);
  return { text: `${lines.join("\n")}\n`, added: blocks.written };
}

/** Inserts `entries` after the last line of the top-level block `name` (or appends the block). */
function insertIntoBlock(
  path: string,
  doc: ReturnType<typeof parseDocument>,
  lines: string[],
  name: string,
  entries: string[],
): string[] {
  if (entries.length === 0) return lines;
  const root = doc.contents;
  const pair = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === name) : undefined;
  const value = pair?.value;
  const empty = value === null || value === undefined || (isScalar(value) && value.value === null);
  if (!pair || empty) {
    if (pair)
      throw new GonogoError(
        "usage",
        `${path}: \`${name}:\` is empty; write \`${name}: {}\` or remove it, then --merge`,
      );
    return [...lines, "", `${name}:`, ...entries];
  }
  if ((!isMap(value) && !isSeq(value)) || value.flow) {
    throw new GonogoError(
      "usage",
      `${path}: \`${name}:\` is written inline; make it a block mapping to --merge into it`,
    );
  }
  const header = lines.findIndex((line) => new RegExp(`^${name}\\s*:`).test(line));
  let end = header;
  for (let i = header + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^\S/.test(line) && !line.startsWith("#")) break;
    if (/^\s+\S/.test(line) && !/^\s+#/.test(line)) end = i;
  }
  return [...lines.slice(0, end + 1), ...entries, ...lines.slice(end + 1)];
}
