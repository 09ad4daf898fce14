import type { JsonItem, JsonReport } from "../../model/report.js";
import { checkEvidence, describeCheck, failedChecks, firstFailure } from "../../report/evidence.js";
import { gateOutcome } from "../../report/gate-tally.js";
import { type HistoryPoint, historyChart } from "../../report/html/charts.js";
import type { Principal } from "../auth/index.js";
import { can } from "../auth/index.js";
import { age } from "./age.js";
import { html, type SafeHtml, trusted } from "./html.js";
import { layout } from "./layout.js";
import { requiredSignoffRoles, type SignoffSlotView } from "./signoff-slots.js";

export interface ChecklistView {
  name: string;
  owner: string | null;
  run: { id: number; startedAt: string; runBy: string; previousId: number | null } | null;
  report: JsonReport | null;
  history: HistoryPoint[];
  slots: SignoffSlotView[];
  /** The rollouts of this service in the store (see server/service-rollouts.ts), for links. */
  rollouts: { name: string; status: string }[];
  /** Why its repository could not be fetched last time (a service from git), else null. */
  sourceFailure: { message: string; at: string } | null;
}

const NOT_READY = new Set(["fail", "error"]);
const DONE = new Set(["pass", "attested", "waived"]);
const api = (name: string) => `/api/v1/checklists/${encodeURIComponent(name)}`;

function headline(view: ChecklistView, now: Date): SafeHtml {
  const report = view.report;
  const verdict = report?.verdict ?? null;
  const kind = verdict === "GO" ? "go" : verdict === "NO-GO" ? "nogo" : "none";
  const summary = report?.summary;
  const run = view.run;
  return html`<section class="banner ${kind}" id="verdict">
<span class="verdict">${verdict ?? "NO RUN"}</span><span class="title">${view.name}</span>
<p>${summary ? `${summary.verifiedPct.toFixed(1)}% verified · ${summary.claimedPct.toFixed(1)}% claimed · ${summary.fail + summary.error} failing` : "never verified: POST /api/v1/checklists/:name/runs, or gonogo verify"}${view.owner ? ` · owner ${view.owner}` : ""}</p>
${run ? html`<p>run #${String(run.id)} · ${age(run.startedAt, now)} ago · by ${run.runBy} · <a href="/runs/${String(run.id)}" style="color:#fff">full report</a>${run.previousId !== null ? html` · <a href="/runs/${String(run.previousId)}/diff/${String(run.id)}" style="color:#fff">changes since run #${String(run.previousId)}</a>` : ""}</p>` : ""}
${view.rollouts.length > 0 ? html`<p id="rollout-links">${view.rollouts.map((r, i) => html`${i > 0 ? " · " : ""}rollout <a href="/rollouts/${encodeURIComponent(r.name)}" style="color:#fff">${r.name}</a>: ${r.status}`)}</p>` : ""}
</section>`;
}

/** A service whose repository this server could not fetch: runs and forms of it fail until it can. */
function sourceProblem(view: ChecklistView, now: Date): SafeHtml {
  const failure = view.sourceFailure;
  if (failure === null) return html``;
  return html`<section class="card" id="source-problem">
<h2>Its repository could not be read</h2>
<p class="nogo-text">${failure.message}</p>
<p class="muted">${age(failure.at, now)} ago; what is shown below is from the last run recorded.</p>
</section>`;
}

/** What blocks GO, before anything else: the gates that failed, then the items that failed. */
function blockers(report: JsonReport): SafeHtml {
  const gates = (report.gates ?? []).filter((g) => !g.ok);
  const failing = report.items.filter((i) => NOT_READY.has(i.status) && i.checks.length > 0);
  if (gates.length === 0 && failing.length === 0) return html``;
  return html`<section class="card" id="blockers">
<h2>What blocks it</h2>
<ul class="blockers">${gates.map((g) => html`<li><strong>${g.name}</strong>: ${gateOutcome(g)}</li>`)}</ul>
${failing.length > 0 ? html`<h3>Failing items</h3><ul class="blockers">${failing.map((i) => html`<li><a href="#item-${i.id}">${i.text}</a> <span class="where">${firstFailure(i.checks) ?? i.status}</span></li>`)}</ul>` : ""}
</section>`;
}

function evidence(item: JsonItem): SafeHtml {
  const checks = failedChecks(item.checks);
  if (checks.length === 0) return html``;
  const lines = checks.flatMap((c) => [describeCheck(c), ...checkEvidence(c).map((l) => `  ${l}`)]);
  return html`<pre class="evidence">${lines.join("\n")}</pre>`;
}

function itemForms(name: string, item: JsonItem, principal: Principal, roles: string[]): SafeHtml {
  if (DONE.has(item.status)) return html``;
  const resource = { signoffRoles: roles };
  const attest = can(principal, "attest", resource);
  const waive = can(principal, "waive", resource);
  if (!attest && !waive) return html``;
  const path = `${api(name)}/items/${encodeURIComponent(item.id)}`;
  return html`<details class="act"><summary>Attest or waive</summary>
${attest ? html`<form class="act" data-api="${path}/attestations"><input type="text" name="evidence" placeholder="evidence URL" aria-label="evidence"><input type="text" name="note" placeholder="note" aria-label="note"><input type="date" name="expires" aria-label="expires"><button type="submit">Attest</button><span class="result"></span></form>` : ""}
${waive ? html`<form class="act" data-api="${path}/waivers"><input type="text" name="reason" placeholder="why it does not apply" required aria-label="reason"><input type="date" name="expires" aria-label="expires"><button type="submit">Waive</button><span class="result"></span></form>` : ""}
</details>`;
}

function depthOf(item: JsonItem, byId: Map<string, JsonItem>): number {
  let depth = 0;
  for (let p = item.parent; p !== null && depth < 6; p = byId.get(p)?.parent ?? null) depth += 1;
  return depth;
}

function sectionCard(
  view: ChecklistView,
  report: JsonReport,
  section: JsonReport["sections"][number],
  principal: Principal,
  roles: string[],
): SafeHtml {
  const items = report.items.filter((i) => i.section === section.id);
  const byId = new Map(report.items.map((i) => [i.id, i]));
  const gates = (report.gates ?? []).filter((g) => g.name.includes(`"${section.title}"`));
  const s = section.summary;
  return html`<section class="card section" id="section-${section.id}" data-section="${section.id}">
<h2>${section.title}</h2>
<p class="muted">${s.verifiedPct.toFixed(1)}% verified · ${s.claimedPct.toFixed(1)}% claimed · ${s.fail + s.error} failing</p>
${gates.length > 0 ? html`<ul class="gates">${gates.map((g) => html`<li><span class="${g.ok ? "mark-ok" : "mark-bad"}">${g.ok ? "✓" : "✗"}</span> ${g.name}: ${gateOutcome(g)}</li>`)}</ul>` : ""}
<ul class="items">${items.map(
    (
      i,
    ) => html`<li class="item depth-${String(Math.min(depthOf(i, byId), 6))}" id="item-${i.id}" data-status="${i.status}"><span class="badge s-${i.status}">${i.status}</span>${i.text}<span class="where">line ${String(i.line)}</span>
${evidence(i)}${itemForms(view.name, i, principal, roles)}</li>`,
  )}</ul>
</section>`;
}

function slotsCard(view: ChecklistView, principal: Principal): SafeHtml {
  if (view.slots.length === 0) return html``;
  const form = (slot: SignoffSlotView) =>
    view.run && can(principal, "signoff", { signoffRoles: [slot.role] })
      ? html`<form class="act signoff" data-api="${api(view.name)}/sections/${encodeURIComponent(slot.sectionId)}/signoffs"><input type="hidden" name="role" value="${slot.role}"><button type="submit">Sign off ${slot.sectionTitle} as ${slot.role}</button><span class="result"></span></form>`
      : "";
  return html`<section class="card" id="signoffs">
<h2>Sign-offs</h2>
<table><thead><tr><th>Section</th><th>Role</th><th>Signed</th><th>State</th></tr></thead><tbody>
${view.slots.map(
  (slot) =>
    html`<tr class="slot ${slot.state}" data-section="${slot.sectionId}" data-role="${slot.role}"><td>${slot.sectionTitle}</td><td>${slot.role}</td><td>${slot.by ? `${slot.by}, ${slot.at?.slice(0, 16).replace("T", " ")}` : "–"}</td><td class="slot ${slot.state}">${slot.state === "valid" ? "valid" : slot.state === "void" ? "VOID" : "missing"}${slot.reason && slot.state !== "missing" ? html`<div class="muted">${slot.reason}</div>` : ""}${form(slot)}</td></tr>`,
)}
</tbody></table>
</section>`;
}

/** Items above the first heading, when there are any. */
function preambleCard(report: JsonReport): SafeHtml {
  const items = report.items.filter((i) => i.section === null);
  if (items.length === 0) return html``;
  return html`<section class="card"><h2>Before the first heading</h2><ul class="items">${items.map(
    (i) =>
      html`<li class="item" id="item-${i.id}" data-status="${i.status}"><span class="badge s-${i.status}">${i.status}</span>${i.text}${evidence(i)}</li>`,
  )}</ul></section>`;
}

/** `/checklists/:name`: verdict and what blocks it first; then history, sign-offs, and each section with its items. */
export function checklistPage(
  view: ChecklistView,
  options: { principal: Principal; csrf: string; now: Date },
): string {
  const { principal } = options;
  const report = view.report;
  const roles = report ? requiredSignoffRoles(report) : new Map<string, string[]>();
  const body = html`${headline(view, options.now)}
${sourceProblem(view, options.now)}
${report ? blockers(report) : ""}
${trusted(historyChart(view.history))}
${slotsCard(view, principal)}
${report ? report.sections.filter((s) => report.items.some((i) => i.section === s.id)).map((s) => sectionCard(view, report, s, principal, roles.get(s.id) ?? [])) : ""}
${report ? preambleCard(report) : ""}`;
  return layout({
    title: `${report?.verdict ?? "no run"}: ${view.name}`,
    body,
    csrf: options.csrf,
    principal,
  });
}
