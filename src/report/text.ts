import type { Item } from "../checklist/index.js";
import type { Assessment } from "../verdict/assessment.js";
import { itemDepths } from "./outline.js";
import type { Style } from "./style.js";
import { listedItems, sectionColumnsHeader, sectionItemLines, sectionScoreLine } from "./text-items.js";
import { gateLines, lintLine, verdictBlock } from "./text-verdict.js";

export interface TextOptions {
  /** Colours on or off: `createStyle(colourWanted(process.stdout))`. */
  style: Style;
  /** List passing items too, each with one line of evidence; by default they are counted per section. */
  verbose?: boolean;
}

const STATUS_ORDER = ["pass", "attested", "fail", "error", "claimed", "open", "waived"] as const;

function headerLines(assessment: Assessment, style: Style): string[] {
  const { checklist, summary } = assessment;
  const scores = `verified ${summary.verifiedPct.toFixed(1)}% · claimed ${summary.claimedPct.toFixed(1)}%`;
  const counts = STATUS_ORDER.filter((s) => summary[s] > 0).map((s) => `${summary[s]} ${s}`);
  return [
    style.paint("bold", checklist.title ?? checklist.source.path),
    style.paint(
      "gray",
      `${checklist.source.path} · ${summary.items} ${summary.items === 1 ? "item" : "items"} · ${scores}`,
    ),
    ...(counts.length > 0 ? [style.paint("gray", counts.join(" · "))] : []),
    ...checklist.source.warnings.map((w) => style.paint("yellow", `warning: ${w}`)),
  ];
}

function bySection(items: Item[]): Map<string | null, Item[]> {
  const groups = new Map<string | null, Item[]>();
  for (const item of items) groups.set(item.section, [...(groups.get(item.section) ?? []), item]);
  return groups;
}

/** Each section's score line with its own items beneath it, in document order. */
function treeLines(assessment: Assessment, options: TextOptions): string[] {
  const { checklist } = assessment;
  const { style } = options;
  const itemOptions = {
    style,
    listed: listedItems(assessment, options.verbose ?? false),
    depths: itemDepths(checklist),
  };
  const groups = bySection(checklist.items);
  const lines = [sectionColumnsHeader(style)];
  const loose = groups.get(null);
  if (loose)
    lines.push(
      style.paint("gray", "(before the first heading)"),
      ...sectionItemLines(assessment, loose, "  ", itemOptions),
    );
  const minLevel = Math.min(...checklist.sections.map((s) => s.level));
  for (const section of checklist.sections) {
    const summary = assessment.sections.get(section.id);
    if (!summary || summary.items === 0) continue;
    const indent = "  ".repeat(section.level - minLevel);
    lines.push(sectionScoreLine(style, `${indent}${section.title}`, summary));
    lines.push(...sectionItemLines(assessment, groups.get(section.id) ?? [], `${indent}  `, itemOptions));
  }
  lines.push(style.paint("bold", sectionScoreLine(style, "Overall", assessment.summary)));
  return lines;
}

/**
 * The terminal report of `gonogo verify`: the section tree with verified and claimed %, under each
 * section the items that need attention and the evidence that decided them, the gates, and a
 * verdict block at the very end, where a CI log's reader looks first.
 */
export function renderText(assessment: Assessment, options: TextOptions): string {
  const { style } = options;
  const out = headerLines(assessment, style);
  if (assessment.summary.items === 0) {
    out.push("", "No task items (- [ ] …) or checklist tables in this document: nothing to verify.");
  } else {
    out.push("", ...treeLines(assessment, options));
  }
  const { verdict } = assessment;
  const gates = verdict ? gateLines(verdict, style) : [];
  if (gates.length > 0) out.push("", ...gates);
  const lint = lintLine(assessment.lint, assessment.checklist.source.path, style);
  if (lint.length > 0) out.push("", ...lint);
  if (verdict) out.push("", ...verdictBlock(verdict, style));
  return `${out.join("\n")}\n`;
}
