import type { Assessment } from "../verdict/assessment.js";
import type { Summary } from "../verdict/score.js";
import { scoreTags } from "../verdict/tag-scores.js";
import { bar, padToColumns, type Style } from "./style.js";

const TITLE_WIDTH = 46;

function pctColour(pct: number): "green" | "yellow" | "red" {
  return pct >= 100 ? "green" : pct > 0 ? "yellow" : "red";
}

function scoreLine(style: Style, label: string, summary: Summary): string {
  const claimed = summary.applicable - summary.open - summary.fail - summary.error;
  const counts = `${claimed}/${summary.applicable}`.padStart(9);
  const pct = `${summary.claimedPct.toFixed(1)}%`.padStart(7);
  return `${padToColumns(label, TITLE_WIDTH)} ${style.paint(pctColour(summary.claimedPct), bar(summary.claimedPct))} ${counts} ${pct}`;
}

/** The terminal view of `gonogo status`: the section tree with claimed counts, then lint findings. */
export function renderStatusText(assessment: Assessment, style: Style): string {
  const { checklist, summary } = assessment;
  const out: string[] = [];
  out.push(style.paint("bold", checklist.title ?? checklist.source.path));
  const ticked = checklist.items.filter((i) => i.checked).length;
  out.push(style.paint("gray", `${checklist.source.path} · ${summary.items} items · ${ticked} ticked`));
  for (const warning of checklist.source.warnings) out.push(style.paint("yellow", `warning: ${warning}`));
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
  const minLevel = Math.min(...checklist.sections.map((s) => s.level));
  for (const section of checklist.sections) {
    const sectionSummary = assessment.sections.get(section.id);
    if (!sectionSummary || sectionSummary.items === 0) continue;
    const indent = "  ".repeat(section.level - minLevel);
    out.push(scoreLine(style, `${indent}${section.title}`, sectionSummary));
  }
  out.push(style.paint("bold", scoreLine(style, "Overall", summary)));
  const byTag = scoreTags(checklist, assessment.statuses);
  if (byTag.length > 0) {
    out.push("", style.paint("gray", "level / priority"));
    for (const { tag, summary: tagSummary } of byTag) out.push(scoreLine(style, tag, tagSummary));
  }
  if (assessment.lint.length > 0) {
    out.push("", style.paint("bold", `Lint (${assessment.lint.length})`));
    for (const finding of assessment.lint) {
      const colour = finding.severity === "warning" ? "yellow" : "gray";
      const where = `${checklist.source.path}:${finding.line}`;
      out.push(
        `  ${style.paint(colour, finding.severity)} ${where} ${style.paint("cyan", finding.rule)} ${finding.message}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}
