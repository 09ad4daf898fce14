import { html } from "./html.js";
import { layout } from "./layout.js";

/** The sign-in form: paste an API token (`gonogo token create` makes one). */
export function signInPage(options: { csrf: string; next: string; error?: string }): string {
  const body = html`<section class="card">
<h1>Sign in</h1>
<p class="muted">Paste an API token (<code>gonogo token create --name you --role viewer</code> makes one). It is checked once; the browser keeps only a session cookie.</p>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ""}
<form method="post" action="/sign-in">
<input type="hidden" name="_csrf" value="${options.csrf}">
<input type="hidden" name="next" value="${options.next}">
<label>API token <input type="password" name="token" autocomplete="off" required size="60"></label>
<button type="submit">Sign in</button>
</form>
</section>`;
  return layout({ title: "Sign in", body, csrf: options.csrf, principal: null });
}
