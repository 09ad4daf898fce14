import { TOOL } from "../../core/version.js";
import { STYLES } from "../../report/html/styles.js";
import type { Principal } from "../auth/index.js";
import { html, type SafeHtml, trusted } from "./html.js";

/** The dashboard's styles on top of the HTML report's (one look for both). */
const DASHBOARD_STYLES = `
header.top { display: flex; gap: 16px; align-items: center; justify-content: space-between; margin-bottom: 16px; }
header.top a.home { font-weight: 800; font-size: 18px; color: #1f2328; text-decoration: none; }
header.top form { display: inline; margin: 0; }
nav.main { display: flex; gap: 14px; align-items: baseline; } nav.main a:not(.home) { color: var(--muted); }
.who { color: var(--muted); font-size: 13px; }
button, input, select { font: inherit; }
button { border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 3px 10px; cursor: pointer; }
input[type=text], input[type=password], input[type=date], select { border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; }
.verdict-pill { display: inline-block; min-width: 64px; text-align: center; color: #fff; border-radius: 12px; font-weight: 800; padding: 2px 10px; }
.verdict-pill.go { background: var(--go); } .verdict-pill.nogo { background: var(--nogo); } .verdict-pill.none { background: var(--muted); }
.blockers li { margin: 4px 0; }
.slot.valid { color: var(--go); } .slot.void { color: var(--nogo); } .slot.missing { color: var(--muted); }
form.act { margin: 6px 0 0 84px; display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
form.act .result { font-size: 12px; color: var(--nogo); }
svg.spark { width: 120px; height: 24px; vertical-align: middle; }
.filters { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; }
th a { color: inherit; text-decoration: none; } th a.on { color: #1f2328; }
.error { color: var(--nogo); font-weight: 600; }
#commands form.act { margin: 6px 0 0; }
#rollout-links a { font-weight: 600; }
`;

/**
 * One dashboard page: the report's styles and the dashboard's, the CSRF token for the page's
 * script (`/assets/dashboard.js`, the only script; helmet's CSP allows no inline one), and who is
 * signed in with a sign-out button.
 */
export function layout(options: {
  title: string;
  body: SafeHtml;
  csrf: string;
  principal: Principal | null;
}): string {
  const { principal } = options;
  const who = principal
    ? html`<span class="who">${principal.name} · ${principal.role}${principal.signoffRoles.length > 0 ? ` · ${principal.signoffRoles.join(", ")}` : ""}</span>
${principal.via === "session" ? html`<form method="post" action="/sign-out"><input type="hidden" name="_csrf" value="${options.csrf}"><button type="submit">Sign out</button></form>` : ""}`
    : "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${options.csrf}">
<title>${options.title} · gonogo</title>
<style>${trusted(STYLES + DASHBOARD_STYLES)}</style>
<script src="/assets/dashboard.js" defer></script>
</head>
<body>
<main>
<header class="top"><nav class="main"><a class="home" href="/">gonogo</a><a href="/">Services</a><a href="/rollouts">Rollouts</a></nav><div>${who}</div></header>
${options.body}
<footer class="muted">${TOOL.name} ${TOOL.version}</footer>
</main>
</body>
</html>
`.text;
}
