import type { JsonReport, JsonSummary } from "../../model/report.js";
import { sameRole } from "../../verdict/signoffs.js";
import { gateTally, type ReportVerdict, reportVerdict } from "../gate-tally.js";
import { checklistName } from "../outline.js";
import { escapeHtml as h } from "./escape.js";

export const pct = (value: number) => `${value.toFixed(1)}%`;

/** The verdict in large type on its colour, with the scores and what was verified. */
export function banner(report: JsonReport, generatedAt: Date, tool: string): string {
  const { checklist, summary } = report;
  const verdict = reportVerdict(report);
  const kind = verdict ? (verdict.verdict === "GO" ? "go" : "nogo") : "none";
  const word = verdict?.verdict ?? "STATUS";
  const tally = verdict ? `${gateTally(verdict)} · ` : "";
  return `<header class="banner ${kind}" id="verdict"><span class="verdict">${word}</span><span class="title">${h(checklistName(report))}</span>
<p>${h(tally)}verified ${pct(summary.verifiedPct)} · claimed ${pct(summary.claimedPct)} · ${summary.items} items (${summary.applicable} applicable)</p>
<p>${h(checklist.path)} · sha256 ${h(checklist.sha256.slice(0, 12))}… · ${h(tool)} · ${h(generatedAt.toISOString())}</p></header>`;
}

export function gatesCard(verdict: ReportVerdict): string {
  if (verdict.gates.length === 0) return "";
  const rows = verdict.gates.map(
    (g) =>
      `<tr><td class="${g.ok ? "mark-ok" : "mark-bad"}">${g.ok ? "✓" : "✗"}</td><td>${h(g.name)}</td><td class="num">${h(g.actual)}</td><td class="num">${h(g.required)}</td><td>${h(g.reason)}</td></tr>`,
  );
  return `<section class="card"><h2>Gates</h2><table><thead><tr><th></th><th>Gate</th><th class="num">Actual</th><th class="num">Required</th><th>Reason</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

function scoreBar(summary: JsonSummary): string {
  return `<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect class="track" width="100" height="8"/><rect class="claimed" width="${summary.claimedPct}" height="8"/><rect class="verified" width="${summary.verifiedPct}" height="8"/></svg>`;
}

function scoreRow(label: string, summary: JsonSummary, depth: number, strong = false): string {
  const cell = strong ? `<strong>${label}</strong>` : label;
  return `<tr><td class="depth-${Math.min(depth, 6)}">${cell}</td><td>${scoreBar(summary)}</td><td class="num">${pct(summary.verifiedPct)}</td><td class="num">${pct(summary.claimedPct)}</td><td class="num">${summary.pass + summary.attested}/${summary.applicable}</td><td class="num">${summary.fail + summary.error}</td></tr>`;
}

export function sectionsCard(report: JsonReport): string {
  const { sections } = report;
  const minLevel = Math.min(...sections.map((s) => s.level));
  const rows = sections.flatMap((section) => {
    if (section.summary.items === 0) return [];
    return [scoreRow(h(section.title), section.summary, section.level - minLevel)];
  });
  return `<section class="card"><h2>Section scores</h2><table><thead><tr><th>Section</th><th>Verified / claimed</th><th class="num">Verified</th><th class="num">Claimed</th><th class="num">Verified items</th><th class="num">Failing</th></tr></thead><tbody>${rows.join("")}${scoreRow("Overall", report.summary, 0, true)}</tbody></table></section>`;
}

/** The sign-offs the store recorded (valid or void, and why), then the document's own sign-off slots. */
export function signoffsCard(report: JsonReport): string {
  const titles = new Map(report.sections.map((s) => [s.id, s.title]));
  const section = (id: string | null) => h(id === null ? "(whole checklist)" : (titles.get(id) ?? id));
  const recorded = (report.signoffs ?? []).map((s) => {
    const state = s.valid ? `<span class="mark-ok">signed</span>` : `<span class="mark-bad">void</span>`;
    const detail = [s.at, `run #${s.run}`, s.reason].filter((x) => x !== "").join(" · ");
    return `<tr><td>${h(s.section)}</td><td>${h(s.role)}</td><td>${h(s.by)}</td><td>${state}</td><td>${h(detail)}</td></tr>`;
  });
  // A name written in the document is a claim like a tick: green only while a recorded sign-off backs it.
  const backed = (slot: { section: string | null; role: string | null }) =>
    (report.signoffs ?? []).some(
      (s) => s.valid && s.sectionId === slot.section && (slot.role === null || sameRole(s.role, slot.role)),
    );
  const inDocument = report.signoffSlots.map((slot) => {
    const state = !slot.filled
      ? `<span class="muted">blank</span>`
      : backed(slot)
        ? `<span class="mark-ok">filled, signed</span>`
        : `<span class="mark-bad">filled, no valid sign-off</span>`;
    return `<tr><td>${section(slot.section)}</td><td>${h(slot.role ?? slot.label)}</td><td>${h(slot.value ?? "")}</td><td>${state}</td><td>in the document, line ${slot.line}</td></tr>`;
  });
  if (recorded.length + inDocument.length === 0) return "";
  return `<section class="card"><h2>Sign-offs</h2><table><thead><tr><th>Section</th><th>Role</th><th>By</th><th>State</th><th>Detail</th></tr></thead><tbody>${recorded.join("")}${inDocument.join("")}</tbody></table></section>`;
}

export function lintCard(report: JsonReport): string {
  const { lint, checklist } = report;
  const warnings = checklist.warnings.map((w) => `<li>${h(w)}</li>`);
  const findings = lint.map(
    (f) =>
      `<li><strong>${h(f.severity)}</strong> line ${f.line} <code>${h(f.rule)}</code> ${h(f.message)}</li>`,
  );
  if (warnings.length + findings.length === 0) return "";
  return `<section class="card"><h2>Document findings</h2><ul>${warnings.join("")}${findings.join("")}</ul></section>`;
}
