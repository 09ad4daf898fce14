// The GitHub Action's entry point (action.yml, runs.using node24): runs `gonogo verify` once,
// renders the recorded run in every format, and hands the results to the runner: job summary,
// outputs, annotations (printed by verify itself under GITHUB_ACTIONS), a pull-request comment.
// Plain JavaScript on Node's built-ins, so the action runs from a checkout without a build step.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { gonogoCommand, runGonogo } from "./gonogo-cli.js";
import { readInputs } from "./inputs.js";
import { commentMarker, pullRequestNumber, upsertComment } from "./pr-comment.js";
import { appendSummary, escapeData, setOutputs } from "./runner-files.js";

/** The reports written beside each other in report-dir, by gonogo's format name. */
const REPORT_FILES = { json: "report.json", junit: "report.xml", html: "report.html", markdown: "report.md" };

/**
 * Runs the action with the runner's environment; resolves with the step's exit code.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>}
 */
export async function runAction(env) {
  const inputs = readInputs(env);
  const dir = resolve(env.GITHUB_WORKSPACE ?? ".", inputs.reportDir);
  mkdirSync(dir, { recursive: true });
  const paths = Object.fromEntries(
    Object.entries(REPORT_FILES).map(([format, file]) => [format, `${dir}/${file}`]),
  );
  const cli = gonogoCommand(env, inputs.version);
  const cliEnv = { ...env, GITHUB_ACTIONS: "true", NO_COLOR: "1" };

  const verifyArgs = ["verify", inputs.checklist, "--format", "json", "--out", paths.json];
  if (inputs.config) verifyArgs.push("--config", inputs.config);
  // The token travels in the environment, never on a command line that the log shows.
  if (inputs.pushTo) verifyArgs.push("--push", inputs.pushTo);
  console.log(`gonogo ${verifyArgs.join(" ")}`);
  const verify = await runGonogo(cli, verifyArgs, {
    env: inputs.token ? { ...cliEnv, GONOGO_TOKEN: inputs.token } : cliEnv,
  });
  /** @type {any} */
  const report = verify.code <= 1 ? readJson(paths.json) : null;
  if (!report) {
    const why = verify.stderr.trim().split("\n").slice(-3).join("\n") || `exit code ${verify.code}`;
    console.log(`::error title=gonogo could not verify ${inputs.checklist}::${escapeData(why)}`);
    setOutputs(env.GITHUB_OUTPUT, { verdict: "", "exit-code": String(verify.code) });
    return 2;
  }

  const runId = /run #(\d+) recorded/.exec(verify.stderr)?.[1] ?? "";
  const rendered = runId ? await renderRun(cli, cliEnv, runId, inputs.checklist, paths) : null;
  const markdown = rendered ?? fallbackMarkdown(report);
  if (!rendered) writeFileSync(paths.markdown, markdown);
  await printReport(cli, cliEnv, runId, inputs, paths);
  appendSummary(env.GITHUB_STEP_SUMMARY, markdown);

  const commentUrl = inputs.comment ? await commentOnPullRequest(env, inputs, markdown) : "";
  setOutputs(env.GITHUB_OUTPUT, {
    verdict: report.verdict,
    "exit-code": String(verify.code),
    "run-id": runId,
    "report-json": paths.json,
    "report-junit": rendered ? paths.junit : "",
    "report-html": rendered ? paths.html : "",
    "report-markdown": paths.markdown,
    "comment-url": commentUrl,
  });
  console.log(`gonogo: ${report.verdict} (${inputs.checklist})`);
  return report.verdict === "NO-GO" && inputs.failOn === "NO-GO" ? 1 : 0;
}

/**
 * Writes the recorded run as Markdown, JUnit and HTML (`gonogo show`); returns the Markdown, or
 * null when a format could not be rendered.
 * @param {string[]} cli @param {NodeJS.ProcessEnv} env @param {string} runId @param {string} checklist
 * @param {Record<string, string>} paths
 */
async function renderRun(cli, env, runId, checklist, paths) {
  let markdown = null;
  for (const format of ["markdown", "junit", "html"]) {
    const shown = await runGonogo(cli, ["show", runId, "--checklist", checklist, "--format", format], {
      env,
      captureStdout: true,
    });
    if (shown.code !== 0) return null;
    writeFileSync(/** @type {string} */ (paths[format]), shown.stdout);
    if (format === "markdown") markdown = shown.stdout;
  }
  return markdown;
}

/**
 * The report in the input's format, on the step's log.
 * @param {string[]} cli @param {NodeJS.ProcessEnv} env @param {string} runId
 * @param {import("./inputs.js").ActionInputs} inputs @param {Record<string, string>} paths
 */
async function printReport(cli, env, runId, inputs, paths) {
  // Formats already written are printed from their files; only text needs gonogo once more.
  const written = { json: paths.json, markdown: paths.markdown, junit: runId ? paths.junit : undefined };
  const file = inputs.format === "text" && runId ? undefined : (written[inputs.format] ?? paths.json);
  if (file) {
    process.stdout.write(readFileSync(file, "utf8"));
    return;
  }
  await runGonogo(cli, ["show", runId, "--checklist", inputs.checklist, "--format", inputs.format], { env });
}

/** Without a stored run (the store could not be written), the summary still says the verdict. */
function fallbackMarkdown(/** @type {any} */ report) {
  const s = report.summary;
  return `## gonogo: ${report.verdict}\n\n${report.checklist.path}: ${s.verifiedPct}% verified, ${s.claimedPct}% claimed; ${s.fail} failing, ${s.error} in error.\n`;
}

/**
 * Keeps one comment per checklist on the pull request; a failure is a warning, never a failed gate.
 * @param {NodeJS.ProcessEnv} env @param {import("./inputs.js").ActionInputs} inputs @param {string} markdown
 */
async function commentOnPullRequest(env, inputs, markdown) {
  const event = env.GITHUB_EVENT_PATH ? readJson(env.GITHUB_EVENT_PATH) : null;
  const pullRequest = pullRequestNumber(event);
  if (pullRequest === null || !env.GITHUB_REPOSITORY) return "";
  if (!inputs.githubToken) {
    console.log("::warning title=gonogo::no github-token: the pull-request comment was not written");
    return "";
  }
  try {
    const comment = await upsertComment({
      apiUrl: env.GITHUB_API_URL || "https://api.github.com",
      token: inputs.githubToken,
      repository: env.GITHUB_REPOSITORY,
      pullRequest,
      marker: commentMarker(inputs.checklist),
      markdown,
    });
    console.log(`gonogo: pull-request comment ${comment.action}: ${comment.url}`);
    return comment.url;
  } catch (error) {
    console.log(
      `::warning title=gonogo::${escapeData(`pull-request comment not written: ${error.message}`)}`,
    );
    return "";
  }
}

/** @param {string} path */
function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

// Run as the action's main (node action/index.js), not when a test imports it.
if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  runAction(process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.log(`::error title=gonogo action::${escapeData(error.message)}`);
      process.exitCode = 2;
    },
  );
}
