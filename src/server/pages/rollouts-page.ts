import { leaseHolder, type RolloutView, statusTone } from "../../report/rollout-view.js";
import type { Principal } from "../auth/index.js";
import { age } from "./age.js";
import { html, type SafeHtml } from "./html.js";
import { layout } from "./layout.js";

/** One rollout as the list shows it: where it stands (no timeline), and the service it belongs to. */
export type RolloutRow = Omit<RolloutView, "timeline" | "rollbacks"> & { service: string | null };

function row(r: RolloutRow, now: Date): SafeHtml {
  const holder = leaseHolder(r, now);
  return html`<tr data-rollout="${r.name}">
<td><span class="verdict-pill ${statusTone(r.status)}">${r.status}</span></td>
<td><a href="/rollouts/${encodeURIComponent(r.name)}">${r.name}</a>${r.reason ? html`<div class="muted">${r.reason}</div>` : ""}</td>
<td>${r.phase ?? "–"}</td>
<td class="num">${String(r.wantedWeight)}% / ${r.readWeight === null ? "–" : `${r.readWeight}%`}</td>
<td>${holder ?? html`<span class="muted">nobody</span>`}</td>
<td>${r.service ? html`<a href="/checklists/${encodeURIComponent(r.service)}">${r.service}</a>` : "–"}</td>
<td class="num" title="${r.updatedAt}">${age(r.updatedAt, now)} ago</td>
</tr>`;
}

/** `/rollouts`: every rollout in the store by name, with its status, phase, weights and who drives it. */
export function rolloutsPage(options: {
  rows: RolloutRow[];
  now: Date;
  principal: Principal;
  csrf: string;
}): string {
  const { rows, now } = options;
  const live = rows.filter((r) => leaseHolder(r, now) !== null).length;
  const body = html`<section class="card">
<h1>Rollouts</h1>
<p class="muted">${rows.length} rollouts · ${live} driven now · open one for its timeline.</p>
<table id="rollouts">
<thead><tr><th>Status</th><th>Rollout</th><th>Phase</th><th class="num">Weight wanted / read</th><th>Lease holder</th><th>Service</th><th class="num">Updated</th></tr></thead>
<tbody>${rows.map((r) => row(r, now))}</tbody>
</table>
${rows.length === 0 ? html`<p class="muted">No rollout in the store yet: <code>gonogo rollout start &lt;gonogo.yml&gt; --store &lt;this server's store&gt;</code> records one (docs/rollouts.md).</p>` : ""}
</section>`;
  return layout({ title: "Rollouts", body, csrf: options.csrf, principal: options.principal });
}
