import type { ItemStatus } from "../core/item-status.js";
import type { JsonCheckResult, JsonItem, JsonReport, JsonSummary } from "../model/report.js";
import {
  checkEvidence,
  describeCheck,
  failedChecks,
  passedEvidence,
  WAIVED_OVER_FAILURE,
} from "./evidence.js";
import { STATUS_MARK } from "./status-marks.js";
import { bar, type Colour, padToColumns, type Style } from "./style.js";

const TITLE_WIDTH = 40;
const BAR_WIDTH = 12;
const STATUS_WIDTH = 9;

function pctColour(pct: number): "green" | "yellow" | "red" {
  return pct >= 100 ? "green" : pct > 0 ? "yellow" : "red";
}

export function sectionColumnsHeader(style: Style): string {
  const verified = padToColumns("verified", BAR_WIDTH + 7);
  return style.paint(
    "gray",
    `${padToColumns("", TITLE_WIDTH)} ${verified} ${"claimed".padStart(8)} ${"items".padStart(7)}`,
  );
}

/** `Security   ████░░░░░░░░  33.3%    66.7%    1/3`: verified bar and %, claimed %, verified of applicable. */
export function sectionScoreLine(style: Style, label: string, summary: JsonSummary): string {
  const verified = summary.pass + summary.attested;
  const pct = (value: number, width: number) => `${value.toFixed(1)}%`.padStart(width);
  return [
    padToColumns(label, TITLE_WIDTH),
    style.paint(pctColour(summary.verifiedPct), bar(summary.verifiedPct, BAR_WIDTH)),
    pct(summary.verifiedPct, 6),
    pct(summary.claimedPct, 8),
    `${verified}/${summary.applicable}`.padStart(7),
  ].join(" ");
}

/**
 * The items worth a line: all of them when verbose; otherwise every one that is not `pass`, plus a
 * passing parent of a listed item so that item still shows where it sits.
 */
export function listedItems(
  items: JsonItem[],
  children: Map<string, JsonItem[]>,
  verbose: boolean,
): Set<string> {
  const listed = new Set<string>();
  for (const item of [...items].reverse()) {
    const under = children.get(item.id) ?? [];
    if (verbose || item.status !== "pass" || under.some((child) => listed.has(child.id))) listed.add(item.id);
  }
  return listed;
}

type EvidenceLine = { text: string; colour: Colour | null };

function evidenceLines(item: JsonItem, hasChildren: boolean): EvidenceLine[] {
  const { status, checks } = item;
  const plain = (text: string, colour: Colour | null = null) => ({ text, colour });
  if (status === "pass") return checks.length > 0 ? [plain(passedEvidence(checks), "gray")] : [];
  if (status === "waived") return checks.length > 0 ? failedEvidence(failedChecks(checks)) : [];
  if (status !== "fail" && status !== "error") return [];
  if (checks.length === 0) {
    return [plain(hasChildren ? "decided by the items under it" : "no check result recorded", "gray")];
  }
  return failedEvidence(checks);
}

/** Each check's heading, then its expectations and error: what did not hold red, what held plain, as context. */
function failedEvidence(checks: JsonCheckResult[]): EvidenceLine[] {
  return checks.flatMap((check) => [
    { text: describeCheck(check), colour: "gray" as const },
    ...checkEvidence(check).map((line) => ({
      text: `  ${line}`,
      colour: /✗|error:/u.test(line) ? ("red" as const) : null,
    })),
  ]);
}

/** Why a claimed or open item is not verified (or a waived one hides a failure), when there is more to say than its status. */
function notVerifiedBecause(report: JsonReport, item: JsonItem, status: ItemStatus): string | null {
  if (status === "waived") return failedChecks(item.checks).length > 0 ? WAIVED_OVER_FAILURE : null;
  if (status !== "claimed" && status !== "open") return null;
  // An expired attestation is the likeliest surprise: the item was attested, and is not any more.
  const lapsed = report.attestations?.find((a) => a.itemId === item.id && !a.valid);
  if (lapsed) return `attestation by ${lapsed.by}: ${lapsed.reason}`;
  return status === "claimed" ? "ticked, no check behind it" : null;
}

/** One item: its mark, status and text, where it is, then (indented) the evidence that decided it. */
export function itemLines(
  report: JsonReport,
  item: JsonItem,
  indent: string,
  options: { style: Style; children: Map<string, JsonItem[]> },
): string[] {
  const { style } = options;
  const { status } = item;
  const { mark, colour } = STATUS_MARK[status];
  const where = style.paint("gray", `${report.checklist.path}:${item.line}`);
  // The status word already says "claimed"; the note says why that is not verified, briefly, as a
  // long checklist may have hundreds of such lines.
  const why = notVerifiedBecause(report, item, status);
  const note = why === null ? "" : ` — ${style.paint("yellow", why)}`;
  const head = `${indent}${style.paint(colour, `${mark} ${status.padEnd(STATUS_WIDTH)}`)}${item.text}${note}  ${where}`;
  const evidence = evidenceLines(item, options.children.has(item.id)).map(({ text, colour: tint }) => {
    const line = `${indent}    ${text}`;
    return tint === null ? line : style.paint(tint, line);
  });
  return [head, ...evidence];
}

/** The listed items of one section (its own, not its subsections'), then how many passing ones were left out. */
export function sectionItemLines(
  report: JsonReport,
  items: JsonItem[],
  indent: string,
  options: {
    style: Style;
    listed: Set<string>;
    depths: Map<string, number>;
    children: Map<string, JsonItem[]>;
  },
): string[] {
  const lines: string[] = [];
  let unlisted = 0;
  for (const item of items) {
    if (!options.listed.has(item.id)) {
      unlisted += 1;
      continue;
    }
    lines.push(...itemLines(report, item, indent + "  ".repeat(options.depths.get(item.id) ?? 0), options));
  }
  if (unlisted > 0) lines.push(`${indent}${options.style.paint("green", `✓ ${unlisted} passed`)}`);
  return lines;
}
