import { checkEvidence, describeCheck } from "../../report/evidence.js";
import type { ItemChange, RunDiff } from "../../verdict/run-diff.js";
import type { Principal } from "../auth/index.js";
import { html, type SafeHtml } from "./html.js";
import { layout } from "./layout.js";

function evidenceOf(checks: ItemChange["evidence"]["before"]): string {
  return (
    checks.flatMap((c) => [describeCheck(c), ...checkEvidence(c).map((l) => `  ${l}`)]).join("\n") ||
    "(no check)"
  );
}

function changes(title: string, list: ItemChange[], kind: "regressed" | "recovered"): SafeHtml {
  return html`<section class="card" id="${kind}">
<h2>${title} (${String(list.length)})</h2>
${
  list.length === 0
    ? html`<p class="muted">none</p>`
    : html`<table><thead><tr><th>Item</th><th>Before</th><th>After</th></tr></thead><tbody>${list.map(
        (c) =>
          html`<tr><td>${c.text}</td><td><span class="badge s-${c.before}">${c.before}</span><pre>${evidenceOf(c.evidence.before)}</pre></td><td><span class="badge s-${c.after}">${c.after}</span><pre>${evidenceOf(c.evidence.after)}</pre></td></tr>`,
      )}</tbody></table>`
}
</section>`;
}

/** `/runs/:a/diff/:b`: the verdicts of both runs, then what regressed, then what recovered. */
export function diffPage(diff: RunDiff, options: { principal: Principal; csrf: string }): string {
  const side = (run: RunDiff["from"]) =>
    html`run <a href="/runs/${String(run.id)}">#${String(run.id)}</a> (${run.startedAt.slice(0, 16).replace("T", " ")}): <span class="${run.verdict === "GO" ? "go-text" : "nogo-text"}">${run.verdict ?? "no verdict"}</span>${run.summary ? `, ${run.summary.verifiedPct.toFixed(1)}% verified` : ""}`;
  const body = html`<section class="card"><h1>Changes from run #${String(diff.from.id)} to run #${String(diff.to.id)}</h1>
<p>${side(diff.from)}<br>${side(diff.to)}</p></section>
${changes("Regressed", diff.regressed, "regressed")}
${changes("Recovered", diff.recovered, "recovered")}`;
  return layout({
    title: `Run #${diff.from.id} → #${diff.to.id}`,
    body,
    csrf: options.csrf,
    principal: options.principal,
  });
}
