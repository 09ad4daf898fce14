import type { Item } from "../../checklist/index.js";
import type { Assessment } from "../../verdict/assessment.js";
import { evidenceBlock, failedChecks, passedEvidence, WAIVED_OVER_FAILURE } from "../evidence.js";
import { itemDepths } from "../outline.js";
import { UNVERIFIED_REASON } from "../status-marks.js";
import { bySection, pct } from "./blocks.js";
import { loadChart } from "./charts.js";
import { escapeHtml as h } from "./escape.js";

const REASON: Partial<Record<string, string>> = {
  ...UNVERIFIED_REASON,
  attested: "attested: vouched for by a person",
};

/** The recorded attestation behind an item, when the report has one: who, when, until when, what evidence. */
function attestationNote(assessment: Assessment, item: Item): string {
  const attestation = assessment.attestations?.find((a) => a.itemId === item.id);
  if (!attestation) return "";
  const parts = [`attested by ${attestation.by} at ${attestation.at}`, attestation.reason];
  if (attestation.evidence) parts.push(`evidence: ${attestation.evidence}`);
  if (attestation.note) parts.push(attestation.note);
  const kind = attestation.valid ? "reason" : "reason void";
  return `<div class="${kind}">${h(parts.join(" · "))}</div>`;
}

/** Every check's evidence, open when the item is not ready; a load check's per-second charts inside. */
function evidence(assessment: Assessment, item: Item, status: string): string {
  const checks = assessment.checks.get(item.id) ?? [];
  const note = attestationNote(assessment, item);
  if (checks.length === 0) {
    if (note !== "") return note;
    const reason = REASON[status] ?? (item.children.length > 0 ? "decided by the items under it" : "");
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

function itemEntry(assessment: Assessment, item: Item, depth: number): string {
  const status = assessment.statuses.get(item.id) ?? "open";
  const tick = item.checked ? "ticked" : "not ticked";
  return `<li class="item depth-${Math.min(depth, 6)}" id="item-${h(item.id)}"><span class="badge s-${status}">${status}</span><span class="text">${h(item.text)}</span><span class="where">line ${item.line} · ${tick}</span>${evidence(assessment, item, status)}</li>`;
}

/** Each section's items in document order, under the section's title and score. */
export function itemsCard(assessment: Assessment): string {
  const { checklist } = assessment;
  if (checklist.items.length === 0) return "";
  const depths = itemDepths(checklist);
  const groups = bySection(checklist.items);
  const list = (items: Item[]) =>
    `<ul class="items">${items.map((i) => itemEntry(assessment, i, depths.get(i.id) ?? 0)).join("")}</ul>`;
  const parts: string[] = [];
  const loose = groups.get(null);
  if (loose) parts.push(`<h3>(before the first heading)</h3>${list(loose)}`);
  for (const section of checklist.sections) {
    const items = groups.get(section.id);
    const summary = assessment.sections.get(section.id);
    if (!items || !summary) continue;
    parts.push(
      `<h3>${h(section.title)} <span class="where">verified ${pct(summary.verifiedPct)} · claimed ${pct(summary.claimedPct)}</span></h3>${list(items)}`,
    );
  }
  return `<section class="card"><h2>Items and evidence</h2>${parts.join("")}</section>`;
}
