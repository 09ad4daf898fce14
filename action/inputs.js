// The action's inputs as the runner passes them: one environment variable per input,
// INPUT_<NAME> with the name upper-cased and spaces as underscores (hyphens stay: INPUT_FAIL-ON).

/** @typedef {{ checklist: string, config: string, format: string, failOn: "NO-GO" | "never",
 *   pushTo: string, token: string, comment: boolean, githubToken: string, reportDir: string,
 *   version: string }} ActionInputs */

const FORMATS = ["text", "markdown", "json", "junit"];

/** @param {NodeJS.ProcessEnv} env @param {string} name */
function input(env, name) {
  return (env[`INPUT_${name.replaceAll(" ", "_").toUpperCase()}`] ?? "").trim();
}

/**
 * Reads and checks the inputs; a wrong one is an Error whose message names it and what it takes.
 * @param {NodeJS.ProcessEnv} env
 * @returns {ActionInputs}
 */
export function readInputs(env) {
  const checklist = input(env, "checklist");
  if (!checklist) throw new Error("input checklist is required: the Markdown checklist, e.g. docs/LAUNCH.md");
  const format = input(env, "format") || "text";
  if (!FORMATS.includes(format))
    throw new Error(`input format: "${format}" is not one of ${FORMATS.join(", ")}`);
  const failOn = input(env, "fail-on") || "NO-GO";
  if (failOn !== "NO-GO" && failOn !== "never")
    throw new Error(`input fail-on: "${failOn}" is not NO-GO or never`);
  const comment = (input(env, "comment") || "true").toLowerCase();
  if (comment !== "true" && comment !== "false")
    throw new Error(`input comment: "${comment}" is not true or false`);
  const pushTo = input(env, "push-to");
  if (pushTo && !/^https?:\/\//.test(pushTo))
    throw new Error(`input push-to: "${pushTo}" is not an http(s) URL of a gonogo serve`);
  return {
    checklist,
    config: input(env, "config"),
    format,
    failOn,
    pushTo,
    token: input(env, "token"),
    comment: comment === "true",
    githubToken: input(env, "github-token") || (env.GITHUB_TOKEN ?? ""),
    reportDir: input(env, "report-dir") || "gonogo-report",
    version: input(env, "version"),
  };
}
