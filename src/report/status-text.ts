import type { JsonReport, JsonSummary } from "../model/report.js";
import { checklistName } from "./outline.js";
import { bar, padToColumns, type Style } from "./style.js";

const TITLE_WIDTH = 46;

function pctColour(pct: number): "green" | "yellow" | "red" {
  return pct >= 100 ? "green" : pct > 0 ? "yellow" : "red";
}

function scoreLine(style: Style, label: string, summary: JsonSummary): string {
  const claimed = summary.applicable - summary.open - summary.fail - summary.error;
  const counts = `${claimed}/${summary.applicable}`.padStart(9);
  const pct = `${summary.claimedPct.toFixed(1)}%`.padStart(7);
  return `${padToColumns(label, TITLE_WIDTH)} ${style.paint(pctColour(summary.claimedPct), bar(summary.claimedPct))} ${counts} ${pct}`;
}

/** The terminal view of `gonogo status`: the section tree with claimed counts, then lint findings. */
export function renderStatusText(report: JsonReport, style: Style): string {
  const { checklist, summary } = report;
  const out: string[] = [];
  out.push(style.paint("bold", checklistName(report)));
  const ticked = report.items.filter((i) => i.checked).length;
  out.push(style.paint("gray", `${checklist.path} · ${summary.items} items · ${ticked} ticked`));
  for (const warning of checklist.warnings) out.push(style.paint("yellow", `warning: ${warning}`));
  if (summary.items === 0) {
    out.push("", "No task items (- [ ] …) or checklist tables in this document: nothing to score.");
    return `${out.join("\n")}\n`;
  }
  out.push(
    "",
    style.paint(
      "gray",
      `${padToColumns("section", TITLE_WIDTH)} ${padToColumns("claimed", 20)} ${"items".padStart(9)} ${"%".padStart(7)}`,
    ),
  );
  const minLevel = Math.min(...report.sections.map((s) => s.level));
  for (const section of report.sections) {
    if (section.summary.items === 0) continue;
    const indent = "  ".repeat(section.level - minLevel);
    out.push(scoreLine(style, `${indent}${section.title}`, section.summary));
  }
  out.push(style.paint("bold", scoreLine(style, "Overall", summary)));
  const byTag = report.tagScores ?? [];
  if (byTag.length > 0) {
    out.push("", style.paint("gray", "level / priority"));
    for (const { tag, summary: tagSummary } of byTag) out.push(scoreLine(style, tag, tagSummary));
  }
  if (report.lint.length > 0) {
    out.push("", style.paint("bold", `Lint (${report.lint.length})`));
    for (const finding of report.lint) {
      const colour = finding.severity === "warning" ? "yellow" : "gray";
      const where = `${checklist.path}:${finding.line}`;
      out.push(
        `  ${style.paint(colour, finding.severity)} ${where} ${style.paint("cyan", finding.rule)} ${finding.message}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}
