import type { Item } from "../checklist/index.js";
import type { ItemStatus } from "../core/item-status.js";
import type { Assessment, Verdict } from "../verdict/assessment.js";
import type { Summary } from "../verdict/score.js";
import { evidenceBlock, failedChecks, WAIVED_OVER_FAILURE } from "./evidence.js";
import { gateTally } from "./gate-tally.js";
import { codeSpan, fencedBlock, escapeMarkdown as md } from "./markdown-escape.js";
import { itemDepths } from "./outline.js";

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

function verdictLines(assessment: Assessment): string[] {
  const { checklist, summary, verdict } = assessment;
  const title = md(checklist.title ?? checklist.source.path);
  const scores = `${summary.items} ${summary.items === 1 ? "item" : "items"} · verified ${pct(summary.verifiedPct)} · claimed ${pct(summary.claimedPct)}`;
  if (!verdict) return [`## ${title}`, "", `${codeSpan(checklist.source.path)} · ${scores}`];
  const mark = verdict.verdict === "GO" ? "✅" : "❌";
  return [
    `## ${mark} ${verdict.verdict}: ${title}`,
    "",
    `**${gateTally(verdict)}** · ${codeSpan(checklist.source.path)} · ${scores}`,
  ];
}

function gateTable(verdict: Verdict): string[] {
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

function sectionTable(assessment: Assessment): string[] {
  const { sections } = assessment.checklist;
  const minLevel = Math.min(...sections.map((s) => s.level));
  const row = (label: string, s: Summary) =>
    `| ${label} | ${pct(s.verifiedPct)} | ${pct(s.claimedPct)} | ${s.pass + s.attested}/${s.applicable} |`;
  const rows = sections.flatMap((section) => {
    const summary = assessment.sections.get(section.id);
    if (!summary || summary.items === 0) return [];
    return [row(`${NEST.repeat(section.level - minLevel)}${md(section.title)}`, summary)];
  });
  return [
    "### Sections",
    "",
    "| Section | Verified | Claimed | Verified items |",
    "|---|---:|---:|---:|",
    ...rows,
    row("**Overall**", assessment.summary),
  ];
}

function where(assessment: Assessment, item: Item): string {
  return codeSpan(`${assessment.checklist.source.path}:${item.line}`);
}

/** Each fail or error item with the evidence that decided it, as a code block under the entry. */
function notReadyList(assessment: Assessment): string[] {
  const notReady = assessment.checklist.items.filter((item) => {
    const status = assessment.statuses.get(item.id);
    return status === "fail" || status === "error";
  });
  if (notReady.length === 0) return [];
  const entries = notReady.flatMap((item) => {
    const status = assessment.statuses.get(item.id) ?? "fail";
    const head = `- ${STATUS_EMOJI[status]} **${md(item.text)}** · ${status} · ${where(assessment, item)}`;
    const checks = assessment.checks.get(item.id) ?? [];
    if (checks.length === 0) {
      return [
        `${head} · ${item.children.length > 0 ? "decided by the items under it" : "no check result recorded"}`,
      ];
    }
    return [head, ...fencedBlock(evidenceBlock(checks), "  ")];
  });
  return [`### Failing and erroring items (${notReady.length})`, "", ...entries];
}

/** Waived items whose checks did not pass: the waiver leaves them out of the scores, not out of sight. */
function waivedOverFailureList(assessment: Assessment): string[] {
  const waived = assessment.checklist.items.flatMap((item) => {
    const failed = failedChecks(assessment.checks.get(item.id) ?? []);
    return assessment.statuses.get(item.id) === "waived" && failed.length > 0 ? [{ item, failed }] : [];
  });
  if (waived.length === 0) return [];
  const entries = waived.flatMap(({ item, failed }) => [
    `- ${STATUS_EMOJI.waived} **${md(item.text)}** · ${WAIVED_OVER_FAILURE} · ${where(assessment, item)}`,
    ...fencedBlock(evidenceBlock(failed), "  "),
  ]);
  return [`### Waived items whose checks did not pass (${waived.length})`, "", ...entries];
}

function allItems(assessment: Assessment): string[] {
  const { checklist } = assessment;
  const depths = itemDepths(checklist);
  const titles = new Map(checklist.sections.map((s) => [s.id, s.title]));
  const rows = checklist.items.map((item) => {
    const status = assessment.statuses.get(item.id) ?? "open";
    const text = `${NEST.repeat(depths.get(item.id) ?? 0)}${md(item.text)}`;
    const section = md(titles.get(item.section ?? "") ?? "");
    return `| ${STATUS_EMOJI[status]} | ${text} | ${status} | ${section} | ${item.line} |`;
  });
  return [
    "<details>",
    `<summary>All ${checklist.items.length} items</summary>`,
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
export function renderMarkdown(assessment: Assessment): string {
  const blocks = [
    verdictLines(assessment),
    assessment.verdict ? gateTable(assessment.verdict) : [],
    assessment.checklist.sections.length > 0 ? sectionTable(assessment) : [],
    notReadyList(assessment),
    waivedOverFailureList(assessment),
    assessment.checklist.items.length > 0 ? allItems(assessment) : [],
  ];
  return `${blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join("\n"))
    .join("\n\n")}\n`;
}
