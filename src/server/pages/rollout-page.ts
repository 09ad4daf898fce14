import { commandsFor, type PersonCommand } from "../../pipeline/rollout-command.js";
import { eventsCard, rolloutBanner, standingCard, timelineCard } from "../../report/html/rollout-blocks.js";
import { leaseHolder, type RolloutView } from "../../report/rollout-view.js";
import { can, type Principal } from "../auth/index.js";
import { html, type SafeHtml, trusted } from "./html.js";
import { layout } from "./layout.js";

const COMMAND_TEXT: Readonly<Record<PersonCommand, string>> = {
  promote: "end this phase now and go to the next",
  pause: "stop advancing; a failing gate still rolls back",
  resume: "advance again",
  abort: "roll back to the safe weight now",
};

export const rolloutApi = (name: string) => `/api/v1/rollouts/${encodeURIComponent(name)}`;

/**
 * The approver's commands that would change something now, each a form the dashboard script posts
 * to the API route (`POST /api/v1/rollouts/:name/<command>`, with the page's CSRF token): the one
 * path `gonogo rollout promote` and the API take. Nothing at all for whom `can()` refuses.
 */
function commandsCard(view: RolloutView, principal: Principal, now: Date): SafeHtml {
  if (!can(principal, "steer-rollout")) return html``;
  const commands = commandsFor(view.status);
  const holder = leaseHolder(view, now);
  const applied = holder
    ? html`${holder} drives it and applies a command on its next step.`
    : html`No process drives it now: a command waits on the timeline for the next <code>gonogo rollout start</code> (or a CLI command).`;
  return html`<section class="card" id="commands">
<h2>Steer</h2>
${
  commands.length === 0
    ? html`<p class="muted">Nothing to steer: the rollout is ${view.status}.</p>`
    : html`<p class="muted">${applied}</p>
<div class="commands">${commands.map(
        (command) =>
          html`<form class="act rollout-command" data-api="${rolloutApi(view.name)}/${command}" data-command="${command}"${command === "abort" ? html` data-confirm="Roll ${view.name} back to the safe weight now?"` : ""}><button type="submit">${command[0]?.toUpperCase()}${command.slice(1)}</button><span class="muted">${COMMAND_TEXT[command]}</span><span class="result"></span></form>`,
      )}</div>`
}
</section>`;
}

/**
 * `/rollouts/:name`: where the rollout stands, the commands an approver may give, the timeline
 * chart (weights, gate results, phases, actions, rollbacks) and every event, as the HTML report
 * (`report/html/rollout-blocks.ts`) shows them.
 */
export function rolloutPage(
  view: RolloutView,
  options: { principal: Principal; csrf: string; now: Date; services: string[] },
): string {
  const { principal, now } = options;
  const services = options.services.map(
    (name) => html` · service <a href="/checklists/${encodeURIComponent(name)}">${name}</a>`,
  );
  const body = html`${trusted(rolloutBanner(view))}
<p class="muted"><a href="/rollouts">All rollouts</a>${services} · <a href="${rolloutApi(view.name)}?format=html">HTML report</a> · <a href="${rolloutApi(view.name)}">JSON</a></p>
${commandsCard(view, principal, now)}
${trusted(standingCard(view, now))}
${trusted(timelineCard(view))}
${trusted(eventsCard(view))}`;
  return layout({ title: `${view.status}: rollout ${view.name}`, body, csrf: options.csrf, principal });
}
