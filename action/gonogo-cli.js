// Which gonogo the action runs, and running it with its output passed through to the step's log.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/**
 * The command that runs gonogo: this checkout's build when it has one (`npm ci` builds dist/),
 * else the published package of this action's version through npx (a checkout of the action by
 * `uses:` has no dist/), or GONOGO_ACTION_CLI, a script run with node (a self-hosted install, tests).
 * @param {NodeJS.ProcessEnv} env @param {string} version
 * @returns {string[]}
 */
export function gonogoCommand(env, version) {
  if (env.GONOGO_ACTION_CLI) return [process.execPath, env.GONOGO_ACTION_CLI];
  if (existsSync(`${ROOT}dist/cli/main.js`)) return [process.execPath, `${ROOT}bin/gonogo.js`];
  const own = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")).version;
  return ["npx", "--yes", `gonogo@${version || own}`];
}

/**
 * Runs gonogo; stdout (the annotations verify prints under GITHUB_ACTIONS) and stderr go to the
 * log as they come unless `capture` keeps stdout. Resolves with the exit code and what was printed.
 * @param {string[]} command @param {string[]} args
 * @param {{ env: NodeJS.ProcessEnv, captureStdout?: boolean }} options
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export function runGonogo(command, args, options) {
  const [file, ...before] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(/** @type {string} */ (file), [...before, ...args], {
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (!options.captureStdout) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 2, stdout, stderr }));
  });
}
