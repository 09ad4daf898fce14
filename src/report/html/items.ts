import type { JsonItem, JsonReport } from "../../model/report.js";
import { evidenceBlock, failedChecks, passedEvidence, WAIVED_OVER_FAILURE } from "../evidence.js";
import { itemChildren, itemDepths, itemsBySection } from "../outline.js";
import { UNVERIFIED_REASON } from "../status-marks.js";
import { pct } from "./blocks.js";
import { loadChart } from "./charts.js";
import { escapeHtml as h } from "./escape.js";

const REASON: Partial<Record<string, string>> = {
  ...UNVERIFIED_REASON,
  attested: "attested: vouched for by a person",
};

/** The recorded attestation behind an item, when the report has one: who, when, until when, what evidence. */
function attestationNote(report: JsonReport, item: JsonItem): string {
  const attestation = report.attestations?.find((a) => a.itemId === item.id);
  if (!attestation) return "";
  const parts = [`attested by ${attestation.by} at ${attestation.at}`, attestation.reason];
  if (attestation.evidence) parts.push(`evidence: ${attestation.evidence}`);
  if (attestation.note) parts.push(attestation.note);
  const kind = attestation.valid ? "reason" : "reason void";
  return `<div class="${kind}">${h(parts.join(" · "))}</div>`;
}

/** Every check's evidence, open when the item is not ready; a load check's per-second charts inside. */
function evidence(report: JsonReport, item: JsonItem, hasChildren: boolean): string {
  const { checks, status } = item;
  const note = attestationNote(report, item);
  if (checks.length === 0) {
    if (note !== "") return note;
    const reason = REASON[status] ?? (hasChildren ? "decided by the items under it" : "");
    return reason === "" ? "" : `<div class="reason">${h(reason)}</div>`;
  }
  const waivedOverFailure = status === "waived" && failedChecks(checks).length > 0;
  const failing = status === "fail" || status === "error" || waivedOverFailure;
  const summary = waivedOverFailure
    ? `evidence: ${WAIVED_OVER_FAILURE}`
    : failing
      ? "evidence"
      : passedEvidence(checks);
  const charts = checks.map(loadChart).join("");
  return `${note}<details${failing ? " open" : ""}><summary>${h(summary)}</summary><pre>${h(evidenceBlock(checks).join("\n"))}</pre>${charts}</details>`;
}

function itemEntry(report: JsonReport, item: JsonItem, depth: number, hasChildren: boolean): string {
  const { status } = item;
  const tick = item.checked ? "ticked" : "not ticked";
  return `<li class="item depth-${Math.min(depth, 6)}" id="item-${h(item.id)}"><span class="badge s-${status}">${status}</span><span class="text">${h(item.text)}</span><span class="where">line ${item.line} · ${tick}</span>${evidence(report, item, hasChildren)}</li>`;
}

/** Each section's items in document order, under the section's title and score. */
export function itemsCard(report: JsonReport): string {
  if (report.items.length === 0) return "";
  const depths = itemDepths(report.items);
  const children = itemChildren(report.items);
  const groups = itemsBySection(report.items);
  const list = (items: JsonItem[]) =>
    `<ul class="items">${items.map((i) => itemEntry(report, i, depths.get(i.id) ?? 0, children.has(i.id))).join("")}</ul>`;
  const parts: string[] = [];
  const loose = groups.get(null);
  if (loose) parts.push(`<h3>(before the first heading)</h3>${list(loose)}`);
  for (const section of report.sections) {
    const items = groups.get(section.id);
    if (!items) continue;
    const { summary } = section;
    parts.push(
      `<h3>${h(section.title)} <span class="where">verified ${pct(summary.verifiedPct)} · claimed ${pct(summary.claimedPct)}</span></h3>${list(items)}`,
    );
  }
  return `<section class="card"><h2>Items and evidence</h2>${parts.join("")}</section>`;
}
