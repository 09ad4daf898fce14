import type { ItemStatus } from "../core/item-status.js";
import type { JsonItem, JsonReport, JsonSummary } from "../model/report.js";
import { evidenceBlock, failedChecks, WAIVED_OVER_FAILURE } from "./evidence.js";
import { gateTally, type ReportVerdict, reportVerdict } from "./gate-tally.js";
import { codeSpan, fencedBlock, escapeMarkdown as md } from "./markdown-escape.js";
import { checklistName, itemChildren, itemDepths } from "./outline.js";

const STATUS_EMOJI: Record<ItemStatus, string> = {
  pass: "✅",
  attested: "✅",
  fail: "❌",
  error: "⚠️",
  claimed: "❔",
  open: "⬜",
  waived: "➖",
};

// Table cells drop leading spaces; an em space per level keeps the nesting visible.
const NEST = "&emsp;";

const pct = (value: number) => `${value.toFixed(1)}%`;

function verdictLines(report: JsonReport): string[] {
  const { checklist, summary } = report;
  const verdict = reportVerdict(report);
  const title = md(checklistName(report));
  const scores = `${summary.items} ${summary.items === 1 ? "item" : "items"} · verified ${pct(summary.verifiedPct)} · claimed ${pct(summary.claimedPct)}`;
  if (!verdict) return [`## ${title}`, "", `${codeSpan(checklist.path)} · ${scores}`];
  const mark = verdict.verdict === "GO" ? "✅" : "❌";
  return [
    `## ${mark} ${verdict.verdict}: ${title}`,
    "",
    `**${gateTally(verdict)}** · ${codeSpan(checklist.path)} · ${scores}`,
  ];
}

function gateTable(verdict: ReportVerdict): string[] {
  if (verdict.gates.length === 0) return [];
  return [
    "### Gates",
    "",
    "| | Gate | Actual | Required | Reason |",
    "|:-:|---|---:|---:|---|",
    ...verdict.gates.map(
      (g) =>
        `| ${g.ok ? "✅" : "❌"} | ${md(g.name)} | ${md(g.actual)} | ${md(g.required)} | ${md(g.reason)} |`,
    ),
  ];
}

function sectionTable(report: JsonReport): string[] {
  const { sections } = report;
  const minLevel = Math.min(...sections.map((s) => s.level));
  const row = (label: string, s: JsonSummary) =>
    `| ${label} | ${pct(s.verifiedPct)} | ${pct(s.claimedPct)} | ${s.pass + s.attested}/${s.applicable} |`;
  const rows = sections.flatMap((section) => {
    if (section.summary.items === 0) return [];
    return [row(`${NEST.repeat(section.level - minLevel)}${md(section.title)}`, section.summary)];
  });
  return [
    "### Sections",
    "",
    "| Section | Verified | Claimed | Verified items |",
    "|---|---:|---:|---:|",
    ...rows,
    row("**Overall**", report.summary),
  ];
}

function where(report: JsonReport, item: JsonItem): string {
  return codeSpan(`${report.checklist.path}:${item.line}`);
}

/** Each fail or error item with the evidence that decided it, as a code block under the entry. */
function notReadyList(report: JsonReport): string[] {
  const notReady = report.items.filter((item) => item.status === "fail" || item.status === "error");
  if (notReady.length === 0) return [];
  const children = itemChildren(report.items);
  const entries = notReady.flatMap((item) => {
    const head = `- ${STATUS_EMOJI[item.status]} **${md(item.text)}** · ${item.status} · ${where(report, item)}`;
    if (item.checks.length === 0) {
      return [
        `${head} · ${children.has(item.id) ? "decided by the items under it" : "no check result recorded"}`,
      ];
    }
    return [head, ...fencedBlock(evidenceBlock(item.checks), "  ")];
  });
  return [`### Failing and erroring items (${notReady.length})`, "", ...entries];
}

/** Waived items whose checks did not pass: the waiver leaves them out of the scores, not out of sight. */
function waivedOverFailureList(report: JsonReport): string[] {
  const waived = report.items.flatMap((item) => {
    const failed = failedChecks(item.checks);
    return item.status === "waived" && failed.length > 0 ? [{ item, failed }] : [];
  });
  if (waived.length === 0) return [];
  const entries = waived.flatMap(({ item, failed }) => [
    `- ${STATUS_EMOJI.waived} **${md(item.text)}** · ${WAIVED_OVER_FAILURE} · ${where(report, item)}`,
    ...fencedBlock(evidenceBlock(failed), "  "),
  ]);
  return [`### Waived items whose checks did not pass (${waived.length})`, "", ...entries];
}

function allItems(report: JsonReport): string[] {
  const depths = itemDepths(report.items);
  const titles = new Map(report.sections.map((s) => [s.id, s.title]));
  const rows = report.items.map((item) => {
    const text = `${NEST.repeat(depths.get(item.id) ?? 0)}${md(item.text)}`;
    const section = md(titles.get(item.section ?? "") ?? "");
    return `| ${STATUS_EMOJI[item.status]} | ${text} | ${item.status} | ${section} | ${item.line} |`;
  });
  return [
    "<details>",
    `<summary>All ${report.items.length} items</summary>`,
    "",
    "| | Item | Status | Section | Line |",
    "|:-:|---|---|---|---:|",
    ...rows,
    "",
    "</details>",
  ];
}

/**
 * A summary for a pull-request comment or $GITHUB_STEP_SUMMARY: the verdict, the gates, the
 * sections, the items that failed with their evidence, and every item folded away in <details>.
 */
export function renderMarkdown(report: JsonReport): string {
  const verdict = reportVerdict(report);
  const blocks = [
    verdictLines(report),
    verdict ? gateTable(verdict) : [],
    report.sections.length > 0 ? sectionTable(report) : [],
    notReadyList(report),
    waivedOverFailureList(report),
    report.items.length > 0 ? allItems(report) : [],
  ];
  return `${blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join("\n"))
    .join("\n\n")}\n`;
}
