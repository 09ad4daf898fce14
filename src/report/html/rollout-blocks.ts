import { formatQuantity } from "../../core/format-quantity.js";
import { describeEntry } from "../rollout-entry.js";
import { rolloutSeries, type TimelineEvent } from "../rollout-series.js";
import { leaseHolder, type RolloutView, statusTone } from "../rollout-view.js";
import { escapeHtml as h } from "./escape.js";
import { rolloutTimelineChart } from "./rollout-chart.js";

const duration = (ms: number) => formatQuantity({ value: ms, unit: "ms" });
const when = (iso: string) => iso.slice(0, 19).replace("T", " ");

/** The rollout's status in large type: green once it succeeded, red while or after it rolls back. */
export function rolloutBanner(view: RolloutView): string {
  const kind = statusTone(view.status);
  return `<header class="banner ${kind}" id="rollout-status"><span class="verdict">${h(view.status.toUpperCase())}</span><span class="title">rollout ${h(view.name)}</span>
<p>phase ${h(view.phase ?? "-")} · weight wanted ${view.wantedWeight}%, read back ${view.readWeight === null ? "nothing yet" : `${view.readWeight}%`}${view.reason ? ` · ${h(view.reason)}` : ""}</p></header>`;
}

/** Where it stands: phase, weights wanted and read back, state, soak, who holds the lease, each rollback's time. */
export function standingCard(view: RolloutView, now: Date): string {
  const holder = leaseHolder(view, now);
  const lease = holder
    ? `${h(holder)}, until ${h(when(view.lease.until ?? ""))}`
    : `nobody${view.lease.owner ? ` (${h(view.lease.owner)}'s lease ended ${h(when(view.lease.until ?? ""))})` : ""}: the next <code>gonogo rollout start</code> or command applies what is asked`;
  const mismatch =
    view.readWeight !== null && view.readWeight !== view.wantedWeight
      ? ' <span class="nogo-text">differs</span>'
      : "";
  const rows: [string, string][] = [
    ["Phase", `${h(view.phase ?? "-")} <span class="muted">(#${view.phaseIndex + 1})</span>`],
    [
      "Weight",
      `wanted ${view.wantedWeight}% · read back ${view.readWeight === null ? "nothing yet" : `${view.readWeight}%`}${mismatch}`,
    ],
    ["State", `${h(view.status)}${view.reason ? ` · ${h(view.reason)}` : ""}`],
    ["Soak since", view.soakStartedAt ? h(when(view.soakStartedAt)) : "–"],
    ["Lease holder", lease],
    ["Revision", h(view.revision)],
    ["Updated", h(when(view.updatedAt))],
  ];
  const rollbacks = view.rollbacks.map(
    (r) =>
      `<li class="rollback" data-ms="${r.breachToSafeMs}">${h(when(r.at))}: breach to safe weight read back in <strong>${h(duration(r.breachToSafeMs))}</strong>${r.reason ? ` · ${h(String(r.reason))}` : ""}</li>`,
  );
  return `<section class="card" id="standing"><h2>Where it stands</h2><table class="standing"><tbody>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join("")}</tbody></table>${rollbacks.length > 0 ? `<h3>Rollbacks</h3><ul id="rollbacks">${rollbacks.join("")}</ul>` : ""}</section>`;
}

/** The timeline chart with a line of counts; a sentence instead when nothing happened yet. */
export function timelineCard(view: RolloutView): string {
  const series = rolloutSeries(view.timeline);
  const chart = rolloutTimelineChart(view.name, series);
  const gates = series.lanes.reduce((n, lane) => n + lane.points.length, 0);
  const counts = `${view.timeline.length} events · ${series.phases.length} phase changes · ${gates} gate results · ${series.actions.length} actions · ${series.commands.length} commands · ${series.rollbacks.length} rollbacks`;
  return `<section class="card" id="timeline"><h2>Timeline</h2><p class="muted">${chart ? counts : "no events yet"}</p>${chart}</section>`;
}

/** What an action answered (and read back), or what a gate's check observed: shown folded under the entry. */
function eventData(event: TimelineEvent): string {
  const d = event.detail;
  const shown: Record<string, unknown> =
    event.kind === "action-done"
      ? { response: d.response, readBack: d.readBack, weight: d.weight, error: d.error }
      : event.kind === "gate"
        ? { observations: d.observations, durationMs: d.durationMs }
        : {};
  const present = Object.entries(shown).filter(([, v]) => v !== undefined);
  if (present.length === 0) return "";
  const label = event.kind === "gate" ? "observations" : "response";
  return `<details><summary>${label}</summary><pre>${h(JSON.stringify(Object.fromEntries(present), null, 2))}</pre></details>`;
}

/** Every event, oldest first: time, kind, idempotency key, what happened (an action with its response). */
export function eventsCard(view: RolloutView): string {
  if (view.timeline.length === 0) return "";
  const rows = view.timeline.map(
    (e) =>
      `<tr data-kind="${h(e.kind)}"><td class="num">${h(when(e.at))}</td><td>${h(e.kind)}</td><td>${e.key ? `<code>${h(e.key)}</code>` : ""}</td><td>${h(describeEntry(e.kind, e.detail))}${eventData(e)}</td></tr>`,
  );
  return `<section class="card" id="events"><h2>Events</h2><table><thead><tr><th class="num">Time (UTC)</th><th>Kind</th><th>Key</th><th>Detail</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}
