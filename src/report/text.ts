import type { JsonReport } from "../model/report.js";
import { reportVerdict } from "./gate-tally.js";
import { checklistName, itemChildren, itemDepths, itemsBySection } from "./outline.js";
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

function headerLines(report: JsonReport, style: Style): string[] {
  const { checklist, summary } = report;
  const scores = `verified ${summary.verifiedPct.toFixed(1)}% · claimed ${summary.claimedPct.toFixed(1)}%`;
  const counts = STATUS_ORDER.filter((s) => summary[s] > 0).map((s) => `${summary[s]} ${s}`);
  return [
    style.paint("bold", checklistName(report)),
    style.paint(
      "gray",
      `${checklist.path} · ${summary.items} ${summary.items === 1 ? "item" : "items"} · ${scores}`,
    ),
    ...(counts.length > 0 ? [style.paint("gray", counts.join(" · "))] : []),
    ...checklist.warnings.map((w) => style.paint("yellow", `warning: ${w}`)),
  ];
}

/** Each section's score line with its own items beneath it, in document order. */
function treeLines(report: JsonReport, options: TextOptions): string[] {
  const { style } = options;
  const children = itemChildren(report.items);
  const itemOptions = {
    style,
    listed: listedItems(report.items, children, options.verbose ?? false),
    depths: itemDepths(report.items),
    children,
  };
  const groups = itemsBySection(report.items);
  const lines = [sectionColumnsHeader(style)];
  const loose = groups.get(null);
  if (loose)
    lines.push(
      style.paint("gray", "(before the first heading)"),
      ...sectionItemLines(report, loose, "  ", itemOptions),
    );
  const minLevel = Math.min(...report.sections.map((s) => s.level));
  for (const section of report.sections) {
    const { summary } = section;
    if (summary.items === 0) continue;
    const indent = "  ".repeat(section.level - minLevel);
    lines.push(sectionScoreLine(style, `${indent}${section.title}`, summary));
    lines.push(...sectionItemLines(report, groups.get(section.id) ?? [], `${indent}  `, itemOptions));
  }
  lines.push(style.paint("bold", sectionScoreLine(style, "Overall", report.summary)));
  return lines;
}

/**
 * The terminal report of `gonogo verify` (and `gonogo show`): the section tree with verified and
 * claimed %, under each section the items that need attention and the evidence that decided them,
 * the gates, and a verdict block at the very end, where a CI log's reader looks first.
 */
export function renderText(report: JsonReport, options: TextOptions): string {
  const { style } = options;
  const out = headerLines(report, style);
  if (report.summary.items === 0) {
    out.push("", "No task items (- [ ] …) or checklist tables in this document: nothing to verify.");
  } else {
    out.push("", ...treeLines(report, options));
  }
  const verdict = reportVerdict(report);
  const gates = verdict ? gateLines(verdict, style) : [];
  if (gates.length > 0) out.push("", ...gates);
  const lint = lintLine(report.lint, report.checklist.path, style);
  if (lint.length > 0) out.push("", ...lint);
  if (verdict) out.push("", ...verdictBlock(verdict, style));
  return `${out.join("\n")}\n`;
}
