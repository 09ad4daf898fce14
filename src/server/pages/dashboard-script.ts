/**
 * The dashboard's one script, served as `/assets/dashboard.js` (helmet's CSP runs no inline
 * script). Forms marked `data-api` post their fields as JSON to that API route with the page's
 * CSRF token in `X-CSRF-Token` and the session cookie; on success the page reloads to show the
 * new state, on failure the API's message is shown beside the button; `data-confirm` asks first
 * (a rollout's abort). Plain ES2020, no build.
 */
export const DASHBOARD_SCRIPT = `"use strict";
(function () {
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.api) return;
    event.preventDefault();
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    var body = {};
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value.trim() !== "") body[key] = value.trim();
    });
    var result = form.querySelector(".result");
    var button = form.querySelector("button");
    if (button) button.disabled = true;
    fetch(form.dataset.api, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify(body),
    })
      .then(function (response) {
        if (response.ok) { window.location.reload(); return; }
        return response.json().then(
          function (data) { throw new Error((data && data.error && data.error.message) || response.statusText); },
          function () { throw new Error(response.status + " " + response.statusText); }
        );
      })
      .catch(function (error) {
        if (result) result.textContent = error.message;
        if (button) button.disabled = false;
      });
  });
})();
`;
